/// Byte-level helpers shared by the parsers of this module.
enum ASCII {
    /// Whether `byte` may appear in an RFC 9110 token (method names, header names, cookie names).
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Whether `text` is a non-empty RFC 9110 token.
    static func isToken(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenCharacter)
    }

    /// The value of a hexadecimal digit, or `nil`.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }

    /// Lower-case hexadecimal digits, indexed by value.
    static let lowerHexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    /// Upper-case hexadecimal digits, indexed by value.
    static let upperHexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// `byte` lower-cased if it is an ASCII capital letter.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// Compares two strings ignoring ASCII case, without allocating.
    static func caseInsensitiveEquals(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
        let left = lhs.utf8
        let right = rhs.utf8
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { lowercased($0) == lowercased($1) }
    }

    /// `text` with ASCII letters lower-cased (other characters unchanged).
    static func lowercased(_ text: some StringProtocol) -> String {
        if !text.utf8.contains(where: { $0 &- UInt8(ascii: "A") < 26 }) { return String(text) }
        return String(decoding: text.utf8.map { lowercased($0) }, as: UTF8.self)
    }

    /// `text` without leading and trailing spaces and horizontal tabs.
    static func trimmingWhitespace(_ text: Substring) -> Substring {
        var slice = text
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return slice
    }
}
