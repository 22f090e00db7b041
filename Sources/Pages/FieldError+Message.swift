public import Domain

extension FieldError.Problem {
    /// The key in ``Strings`` of the message a visitor sees for this problem (the API words the same problem in
    /// its `errors[]`).
    public var messageKey: String {
        switch self {
        case .required: "error_required"
        case .tooLong: "error_too_long"
        case .controlCharacter: "error_control_character"
        case .invalidEmail: "error_email"
        case .weakPassword(let rejection): rejection.messageKey
        case .rule(let error): error.messageKey
        }
    }
}

extension PasswordPolicy.Rejection {
    /// The key in ``Strings`` of the message a visitor sees when a new password breaks ``PasswordPolicy``.
    public var messageKey: String {
        switch self {
        case .tooShort: "error_password_short"
        case .tooLong: "error_password_long"
        case .tooCommon: "error_password_common"
        case .matchesEmail: "error_password_email"
        }
    }
}
