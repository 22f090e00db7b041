import Domain
import Stripe

/// Why a subscription request was refused, as business facts (`SubscriptionError+Problem.swift` gives the HTTP answer).
enum SubscriptionError: Error {
    /// No monthly package with this id.
    case unknownPlan(String)
    /// Items that are not billed monthly (field, item id).
    case notMonthly([(field: String, id: String)])
    /// The catalog or VAT rules refused the configuration.
    case domain(DomainError)
    /// The state machine refused the change.
    case refused(SubscriptionTransition.Refusal)
    /// Stripe failed or refused.
    case stripe(StripeError)
    /// No such subscription for this company.
    case notFound
}
