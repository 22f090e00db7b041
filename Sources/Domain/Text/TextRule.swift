/// The one rule every text value accepted from outside follows (JSON strings, form fields, query values):
/// no control characters — except line breaks and tabs where a field is multi-line — and at most a number of
/// characters *and* of UTF-8 bytes. Characters are Unicode scalars, as JSON Schema's `maxLength` and
/// PostgreSQL's `char_length` count them (an accented letter written with a combining mark is two).
///
/// Swift strings are valid Unicode by construction and the JSON and form decoders refuse invalid UTF-8, so
/// what is left to check is the content. A NUL in particular never reaches PostgreSQL (libpq cannot bind it),
/// and CR, LF or BEL never end up in a name that is printed on an invoice or written into a mail header.
///
/// ```swift
/// TextRule(maximumCharacters: 200).violation(in: "ACME\r\nBcc: x") // .controlCharacter
/// TextRule.multiline(maximumCharacters: 5000).violation(in: "Hello,\r\nthanks") // nil
/// ```
public struct TextRule: Sendable, Hashable {
    /// What is wrong with a text.
    public enum Violation: Sendable, Hashable {
        /// A control character (C0, DEL, C1; in a single-line field also a line or paragraph separator).
        case controlCharacter
        /// More than ``TextRule/maximumCharacters`` characters or ``TextRule/maximumBytes`` UTF-8 bytes.
        case tooLong
    }

    /// The most characters (Unicode scalars) accepted.
    public var maximumCharacters: Int
    /// The most UTF-8 bytes accepted.
    public var maximumBytes: Int
    /// Whether CR, LF and TAB are accepted (a `<textarea>`, a message body).
    public var allowsLineBreaks: Bool

    /// A rule; `maximumBytes` defaults to four bytes per character.
    public init(maximumCharacters: Int, maximumBytes: Int? = nil, allowsLineBreaks: Bool = false) {
        self.maximumCharacters = maximumCharacters
        let fourPerCharacter = maximumCharacters.multipliedReportingOverflow(by: 4)
        self.maximumBytes = maximumBytes ?? (fourPerCharacter.overflow ? .max : fourPerCharacter.partialValue)
        self.allowsLineBreaks = allowsLineBreaks
    }

    /// A multi-line rule (CR, LF and TAB accepted).
    public static func multiline(maximumCharacters: Int, maximumBytes: Int? = nil) -> TextRule {
        TextRule(maximumCharacters: maximumCharacters, maximumBytes: maximumBytes, allowsLineBreaks: true)
    }

    /// The first problem of `text`, or `nil` when it is acceptable. Control characters are reported before
    /// length, so a long text with a NUL is named for the NUL.
    public func violation(in text: some StringProtocol) -> Violation? {
        if text.unicodeScalars.contains(where: { !accepts($0) }) { return .controlCharacter }
        if text.utf8.count > maximumBytes || text.unicodeScalars.count > maximumCharacters { return .tooLong }
        return nil
    }

    /// Whether `text` contains no control character this rule refuses (length not considered).
    public func acceptsCharacters(of text: some StringProtocol) -> Bool {
        !text.unicodeScalars.contains(where: { !accepts($0) })
    }

    private func accepts(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return allowsLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return false
        case 0x2028, 0x2029: return allowsLineBreaks
        default: return true
        }
    }
}
