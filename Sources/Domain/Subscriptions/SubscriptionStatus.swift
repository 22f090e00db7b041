/// Where a subscription stands (DESIGN §11), plus the moment before the buyer saved a payment method.
public enum SubscriptionStatus: String, Sendable, Hashable, CaseIterable {
    /// Created; the setup-mode Checkout (saving a card or SEPA mandate) is not completed yet. Nothing is billed.
    case incomplete = "INCOMPLETE"
    /// Billed and in good standing.
    case active = "ACTIVE"
    /// An invoice's payment failed; retries are scheduled (dunning).
    case pastDue = "PAST_DUE"
    /// Every retry failed; the service is suspended until the invoice is paid.
    case suspended = "SUSPENDED"
    /// Ended (at period end or immediately); final.
    case canceled = "CANCELED"
}
