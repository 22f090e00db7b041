/// The parts of a `Stripe-Signature` header that matter: the first `t` and every `v1`.
///
/// Parsed like stripe-python: split on `,`, each item on its first `=`; nothing is trimmed, so a space
/// after a comma makes the item unrecognised. A `t` that is not a plain decimal number counts as absent.
struct SignatureHeader: Sendable, Equatable {
    /// The signing time in Unix seconds.
    var timestamp: Int64?
    /// Every `v1` value in order.
    var v1: [Substring]

    init(parsing header: String) {
        timestamp = nil
        v1 = []
        var sawTimestamp = false
        for item in header.split(separator: ",", omittingEmptySubsequences: true) {
            guard let equals = item.firstIndex(of: "=") else { continue }
            let key = item[..<equals]
            let value = item[item.index(after: equals)...]
            switch key {
            case "t" where !sawTimestamp:
                sawTimestamp = true
                if !value.isEmpty, value.utf8.count <= 18, value.utf8.allSatisfy({ (48...57).contains($0) }) {
                    timestamp = Int64(value)
                }
            case "v1":
                v1.append(value)
            default:
                continue
            }
        }
    }
}
