import Web

extension ErasureRefusal: ProblemConvertible {
    /// The problem type of ``blocked(openInvoices:activeSubscriptions:)``.
    static let blockedType = "https://codezero.example/problems/erasure-blocked"

    /// 429 throttled, 422 wrong password, 404 no such company, 409 otherwise (blocked with the blockers' ids).
    var problem: Problem {
        switch self {
        case .throttled(let seconds):
            return .tooManyRequests(retryAfter: seconds)
        case .wrongPassword:
            return .unprocessable(
                detail: "The password is wrong; nothing was erased.",
                errors: [FieldError(field: "password", detail: "is wrong", code: "wrong_password")])
        case .noSuchCompany:
            return .notFound(detail: "There is no such company.")
        case .operatorCompany:
            return .conflict(detail: "Staff accounts of the operator are not erased this way; an admin disables them.")
        case .alreadyErased:
            return .conflict(detail: "This company was erased already.")
        case .blocked(let openInvoices, let activeSubscriptions):
            var problem = Problem(
                status: .conflict, type: Self.blockedType, title: "Erasure not possible yet",
                detail: "Settle the open invoices and cancel the active subscriptions first; nothing was erased.")
            problem.extensions["open_invoices"] = .array(openInvoices.map(JSON.string))
            problem.extensions["active_subscriptions"] = .array(activeSubscriptions.map(JSON.string))
            return problem
        }
    }
}
