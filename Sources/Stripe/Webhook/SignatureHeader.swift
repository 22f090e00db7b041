/// The parts of a `Stripe-Signature` header that matter: the first `t` and every `v1`.
///
/// Parsed like stripe-python: split on `,`, each item on its first `=`; nothing is trimmed, so a space
/// after a comma makes the item unrecognised. A `t` that is not a plain decimal number counts as absent.
/// The header is ASCII, so it is read as UTF-8 bytes (Character-wise splitting cost a webhook request about
/// 38,000 instructions, 16 % of the pool worker's work, issue #16; keys compare byte for byte).
struct SignatureHeader: Sendable, Equatable {
    /// The signing time in Unix seconds.
    var timestamp: Int64?
    /// Every `v1` value in order.
    var v1: [Substring]

    init(parsing header: String) {
        timestamp = nil
        v1 = []
        var sawTimestamp = false
        let comma = UInt8(ascii: ","), equals = UInt8(ascii: "=")
        for item in header.utf8.split(separator: comma, omittingEmptySubsequences: true) {
            guard let separator = item.firstIndex(of: equals) else { continue }
            let key = item[..<separator]
            let value = item[item.index(after: separator)...]
            if !sawTimestamp && key.elementsEqual("t".utf8) {
                sawTimestamp = true
                if !value.isEmpty, value.count <= 18, value.allSatisfy({ (48...57).contains($0) }) {
                    timestamp = value.reduce(0) { $0 * 10 + Int64($1 - 48) }
                }
            } else if key.elementsEqual("v1".utf8) {
                v1.append(Substring(value))
            }
        }
    }
}
