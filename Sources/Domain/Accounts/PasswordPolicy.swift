/// The rules a new password must meet (OWASP ASVS 6.2): long enough, not too long for the KDF budget,
/// not one of the most common passwords, not the e-mail address. No composition rules.
///
/// Length counts characters (grapheme clusters), so `"ä"` is one whatever its encoding.
public struct PasswordPolicy: Sendable, Hashable {
    /// Why a password is refused; the App words it in German and English.
    public enum Rejection: Sendable, Hashable {
        /// Fewer than `minimum` characters.
        case tooShort(minimum: Int)
        /// More than `maximum` characters.
        case tooLong(maximum: Int)
        /// On the shipped list of the most common passwords.
        case tooCommon
        /// The same as the account's e-mail address or its local part (ignoring case).
        case matchesEmail
    }

    /// The least number of characters (ASVS: at least 8).
    public let minimumLength: Int
    /// The greatest number of characters (ASVS: at least 64 must be allowed).
    public let maximumLength: Int

    /// A policy; the defaults are 8 and 128.
    public init(minimumLength: Int = 8, maximumLength: Int = 128) {
        precondition(minimumLength >= 1 && maximumLength >= minimumLength, "bad password length bounds")
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
    }

    /// The house policy (8…128 characters).
    public static let standard = PasswordPolicy()

    /// The first rule `password` breaks for the account `email`, or `nil` when it is acceptable.
    public func check(_ password: String, email: EmailAddress?) -> Rejection? {
        let length = password.count
        if length < minimumLength { return .tooShort(minimum: minimumLength) }
        if length > maximumLength { return .tooLong(maximum: maximumLength) }
        let lower = password.lowercased()
        if let email {
            let local = email.normalized.split(separator: "@").first.map(String.init) ?? ""
            if lower == email.normalized || lower == local { return .matchesEmail }
        }
        if CommonPasswords.entries.contains(lower) { return .tooCommon }
        return nil
    }
}
