/// An International Bank Account Number, checked by ISO 13616's mod-97 rule.
///
/// Spaces are removed and letters upper-cased; the result must be 15 to 34 characters: a two-letter country code,
/// two check digits and an alphanumeric account part, and the whole number read with letters as 10…35 must leave
/// the remainder 1 when divided by 97.
public struct IBAN: Sendable, Hashable, CustomStringConvertible {
    /// The IBAN in electronic form (no spaces, upper case).
    public let value: String

    /// The IBAN in `text`, or nil when its shape or its check digits are wrong.
    public init?(_ text: String) {
        let compact = String(text.filter { $0 != " " }).uppercasedASCII
        let bytes = Array(compact.utf8)
        guard (15...34).contains(bytes.count),
            bytes[0...1].allSatisfy(\.isASCIIUppercaseLetter),
            bytes[2...3].allSatisfy(\.isASCIIDigit),
            bytes.allSatisfy({ $0.isASCIIDigit || $0.isASCIIUppercaseLetter })
        else { return nil }
        var remainder = 0
        for byte in bytes[4...] + bytes[0..<4] {
            if byte.isASCIIDigit {
                remainder = (remainder * 10 + Int(byte - UInt8(ascii: "0"))) % 97
            } else {
                remainder = (remainder * 100 + Int(byte - UInt8(ascii: "A")) + 10) % 97
            }
        }
        guard remainder == 1 else { return nil }
        value = compact
    }

    /// The IBAN in groups of four for print: `DE89 3704 0044 0532 0130 00`.
    public var printed: String {
        var result = ""
        for (index, character) in value.enumerated() {
            if index > 0, index % 4 == 0 { result.append(" ") }
            result.append(character)
        }
        return result
    }

    /// The electronic form.
    public var description: String { value }
}
