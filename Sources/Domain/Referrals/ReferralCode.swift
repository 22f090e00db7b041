/// A company's referral code: 8 characters of an alphabet without look-alikes (digits 2–9 and the letters without
/// I, L, O and U), so a code read aloud or typed from paper is unambiguous.
///
/// Parsing is forgiving about how a person writes it (case, spaces, dashes) and strict about what it is: anything
/// else is no code at all, which registration ignores with a notice (issue #15: never a failed registration).
public struct ReferralCode: Sendable, Hashable, CustomStringConvertible {
    /// The characters a code is made of (the database's `referral_code_new()` draws from the same set).
    public static let alphabet: Set<Character> = Set("23456789ABCDEFGHJKMNPQRSTVWXYZ")
    /// How long every code is.
    public static let length = 8

    /// The canonical form: 8 upper-case characters of ``alphabet``.
    public let value: String

    /// Parses `text` (`ab2c-defg`, ` AB2CDEFG `); nil when it is not a well-formed code.
    public init?(_ text: String) {
        var characters: [Character] = []
        for character in text.uppercased() where character != " " && character != "-" {
            guard Self.alphabet.contains(character), characters.count < Self.length else { return nil }
            characters.append(character)
        }
        guard characters.count == Self.length else { return nil }
        value = String(characters)
    }

    public var description: String { value }
}
