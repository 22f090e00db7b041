/// One problem with one input field, as a value the App turns into an `errors[]` entry of a problem+json
/// response (and words in German and English).
public struct FieldError: Sendable, Hashable {
    /// What is wrong.
    public enum Problem: Sendable, Hashable {
        /// A required field is missing or blank.
        case required
        /// Longer than `maximum` characters.
        case tooLong(maximum: Int)
        /// Contains a control character (see ``TextRule``).
        case controlCharacter
        /// Not an acceptable e-mail address.
        case invalidEmail(EmailAddress.Rejection)
        /// The password breaks ``PasswordPolicy``.
        case weakPassword(PasswordPolicy.Rejection)
        /// A business rule of the Domain (unknown country, VAT ID required or invalid).
        case rule(DomainError)
    }

    /// The input field's name as the API spells it, e.g. `email`, `vat_id`, `billing_address.city`.
    public let field: String
    /// The problem.
    public let problem: Problem

    /// A field error.
    public init(field: String, problem: Problem) {
        self.field = field
        self.problem = problem
    }
}
