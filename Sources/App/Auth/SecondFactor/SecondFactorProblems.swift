import Web

/// The second-factor answers of the API, in one place.
enum SecondFactorProblems {
    /// 403 for a staff route whose caller has not given a second factor in this session (or whose token was
    /// not created by a verified session).
    static func required() -> Problem {
        var problem = Problem.forbidden(
            detail:
                "Staff routes need a second factor: verify this session with a code from your authenticator app"
                + " (POST /api/v1/auth/second-factor/verify), or create the token from a verified session.")
        problem.extensions["code"] = "second_factor_required"
        return problem
    }

    /// The problem for an outcome that is not a success.
    static func problem(for outcome: SecondFactorOutcome) -> Problem {
        switch outcome {
        case .verified: return .internal()
        case .wrongCode:
            return .unprocessable(
                detail: "The code is wrong, expired or was used before.",
                errors: [FieldError(field: "code", detail: "wrong, expired or used code", code: "invalid_code")])
        case .throttled:
            return .tooManyRequests(retryAfter: 15 * 60)
        case .notEnrolled:
            return .conflict(detail: "There is no second factor to check: enrol first.")
        case .alreadyEnrolled:
            return .conflict(detail: "The second factor is enrolled already.")
        }
    }
}
