import Domain
import Web

extension Domain.FieldError {
    /// The `errors[]` entry of the API (English; the site pages localize the same problems with
    /// `FieldError.Problem.messageKey`).
    var apiError: Web.FieldError {
        Web.FieldError(field: field, detail: problem.apiDetail, code: problem.apiCode)
    }
}

extension Domain.FieldError.Problem {
    /// The machine-readable `code` of the API's field error.
    var apiCode: String {
        switch self {
        case .required: "required"
        case .tooLong: "too_long"
        case .controlCharacter: "control_character"
        case .invalidEmail: "invalid_email"
        case .weakPassword(.tooShort): "password_too_short"
        case .weakPassword(.tooLong): "password_too_long"
        case .weakPassword(.tooCommon): "password_too_common"
        case .weakPassword(.matchesEmail): "password_matches_email"
        case .rule(let error): error.code
        }
    }

    /// The English `detail` of the API's field error (also the command line's wording).
    var apiDetail: String {
        switch self {
        case .required: "is required"
        case .tooLong(let maximum): "must be at most \(maximum) characters"
        case .controlCharacter: "must not contain control characters (line breaks, tabs, NUL)"
        case .invalidEmail: "is not a valid e-mail address"
        case .weakPassword(.tooShort(let minimum)): "must be at least \(minimum) characters"
        case .weakPassword(.tooLong(let maximum)): "must be at most \(maximum) characters"
        case .weakPassword(.tooCommon): "is one of the most common passwords; choose another"
        case .weakPassword(.matchesEmail): "must not be your e-mail address"
        case .rule(let error): error.description
        }
    }
}
