/// The limits of a support request's text (issue 13 item 7): the subject is one line of at most 200 characters,
/// a message at most 10,000 characters with line breaks; both follow the one ``TextRule`` (no control characters)
/// and must not be blank.
public enum SupportText {
    /// The subject's rule.
    public static let subject = TextRule(maximumCharacters: 200)
    /// A message's rule.
    public static let message = TextRule.multiline(maximumCharacters: 10_000)

    /// What is wrong with a subject or message.
    public enum Problem: String, Sendable, Hashable {
        /// Empty or only whitespace.
        case required
        /// Longer than the rule allows.
        case tooLong = "too_long"
        /// A control character (a line break in the subject).
        case controlCharacter = "control_character"
    }

    /// The problem of `text` under `rule`, nil when it is acceptable.
    public static func problem(_ text: String, _ rule: TextRule) -> Problem? {
        switch rule.violation(in: text) {
        case .controlCharacter?: return .controlCharacter
        case .tooLong?: return .tooLong
        case nil: return text.trimmedWhitespace.isEmpty ? .required : nil
        }
    }
}
