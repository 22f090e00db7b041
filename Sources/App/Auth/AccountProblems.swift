import Domain
import Web

/// Account rule violations → API field errors (English; the site pages localize the same codes).
enum AccountProblems {
    /// The API field error for a registration or password problem.
    static func fieldError(_ error: Domain.FieldError) -> Web.FieldError {
        Web.FieldError(field: error.field, detail: detail(error.problem), code: code(error.problem))
    }

    static func code(_ problem: Domain.FieldError.Problem) -> String {
        switch problem {
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

    static func detail(_ problem: Domain.FieldError.Problem) -> String {
        switch problem {
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
