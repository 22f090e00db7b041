import Domain
import Web

/// ``SubscriptionError`` → problems; the wrapped catalog and Stripe errors answer as themselves.
extension SubscriptionError: ProblemConvertible {
    /// 422 for an unknown or non-monthly plan or the same plan, 409 for a refused state change, 404 for
    /// another company's or no subscription.
    var problem: Problem {
        switch self {
        case .unknownPlan(let id):
            return .unprocessable(
                detail: "There is no plan '\(id)'.",
                errors: [FieldError(field: "plan_id", detail: "unknown plan \(id)", code: "unknown_plan")])
        case .notMonthly(let items):
            return .unprocessable(
                detail: "Subscriptions bill monthly plans and add-ons only.",
                errors: items.map {
                    FieldError(field: $0.field, detail: "\($0.id) is not billed monthly", code: "not_monthly")
                })
        case .domain(let error):
            return error.problem
        case .refused(.canceled):
            return .conflict(detail: "This subscription has ended.")
        case .refused(.notStarted):
            return .conflict(detail: "This subscription has not started yet: no payment method is saved.")
        case .refused(.paymentInProgress):
            return .conflict(
                detail:
                    "A payment of this subscription's invoice is in progress; try again after it has settled.")
        case .refused(.samePlan):
            return .unprocessable(
                detail: "That is already the plan.",
                errors: [FieldError(field: "plan_id", detail: "is already the plan", code: "same_plan")])
        case .stripe(let error):
            return error.problem
        case .notFound:
            return .notFound(detail: "There is no such subscription.")
        }
    }
}
