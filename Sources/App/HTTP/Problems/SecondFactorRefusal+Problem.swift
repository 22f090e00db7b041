import Web

extension SecondFactorRefusal: ProblemConvertible {
    /// 403 (`code: second_factor_required`) for a staff route without a verified second factor, 422 for a wrong
    /// code, 429 while throttled, 409 for an enrolment in the wrong state.
    var problem: Problem {
        switch self {
        case .required:
            var problem = Problem.forbidden(
                detail:
                    "Staff routes need a second factor: verify this session with a code from your authenticator app"
                    + " (POST /api/v1/auth/second-factor/verify), or create the token from a verified session.")
            problem.extensions["code"] = "second_factor_required"
            return problem
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
