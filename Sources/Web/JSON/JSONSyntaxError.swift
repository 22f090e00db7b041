/// Why and where a JSON text was rejected; ``description`` is safe to show to a client.
public struct JSONSyntaxError: Sendable, Equatable, CustomStringConvertible {
    /// The class of problem.
    public enum Reason: Sendable, Equatable {
        /// The input is empty or only whitespace.
        case emptyInput
        /// The input ends inside a value.
        case unexpectedEnd
        /// A byte that cannot start or continue a value here.
        case unexpectedCharacter(UInt8)
        /// Something starting like `true`, `false` or `null` that is not.
        case invalidLiteral
        /// A number that breaks the grammar (leading zero, missing digits).
        case invalidNumber
        /// A number too large for a `Double`.
        case numberOutOfRange
        /// A backslash followed by a character that is not an escape.
        case invalidEscape
        /// A `\u` escape without four hex digits, or an unpaired surrogate.
        case invalidUnicodeEscape
        /// A raw control character (below U+0020) inside a string.
        case controlCharacterInString
        /// Bytes that are not valid UTF-8.
        case invalidUTF8
        /// An object key that occurs twice.
        case duplicateKey(String)
        /// Arrays and objects nested deeper than the limit.
        case tooDeep(limit: Int)
        /// Non-whitespace after the top-level value.
        case trailingData
    }

    /// The class of problem.
    public let reason: Reason
    /// The byte offset in the input where the problem starts.
    public let offset: Int

    /// A problem at `offset`.
    public init(reason: Reason, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// For example `unexpected character '}' at byte 17`.
    public var description: String {
        "\(message) at byte \(offset)"
    }

    private static func hex(_ byte: UInt8) -> String {
        String(decoding: [ASCII.upperHexDigits[Int(byte >> 4)], ASCII.upperHexDigits[Int(byte & 0xF)]], as: UTF8.self)
    }

    private var message: String {
        switch reason {
        case .emptyInput: "empty input"
        case .unexpectedEnd: "unexpected end of input"
        case .unexpectedCharacter(let byte):
            if byte >= 0x21 && byte < 0x7F {
                "unexpected character '\(String(UnicodeScalar(byte)))'"
            } else {
                "unexpected byte 0x" + JSONSyntaxError.hex(byte)
            }
        case .invalidLiteral: "invalid literal"
        case .invalidNumber: "invalid number"
        case .numberOutOfRange: "number out of range"
        case .invalidEscape: "invalid escape sequence"
        case .invalidUnicodeEscape: "invalid \\u escape"
        case .controlCharacterInString: "unescaped control character in string"
        case .invalidUTF8: "invalid UTF-8"
        case .duplicateKey(let key):
            "duplicate key \"\(key.utf8.count <= 64 ? key : String(key.prefix(64)) + "…")\""
        case .tooDeep(let limit): "nesting deeper than \(limit) levels"
        case .trailingData: "unexpected data after the JSON value"
        }
    }
}
