import Domain
import Stripe
import Web

/// ``SubscriptionError`` → problem+json, in one place.
enum SubscriptionProblems {
    /// The problem for `error`; Stripe failures go through ``StripeProblems`` (logged there).
    static func problem(for error: SubscriptionError, context: RequestContext) -> Problem {
        switch error {
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
            return DomainProblems.problem(for: error)
        case .refused(.canceled):
            return .conflict(detail: "This subscription has ended.")
        case .refused(.notStarted):
            return .conflict(detail: "This subscription has not started yet: no payment method is saved.")
        case .refused(.samePlan):
            return .unprocessable(
                detail: "That is already the plan.",
                errors: [FieldError(field: "plan_id", detail: "is already the plan", code: "same_plan")])
        case .stripe(let error):
            return StripeProblems.problem(for: error, context: context)
        case .notFound:
            return .notFound(detail: "There is no such subscription.")
        }
    }
}
