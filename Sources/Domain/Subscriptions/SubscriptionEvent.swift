/// Something that happened to a subscription, as the state machine takes it. Times are Unix seconds (UTC).
public enum SubscriptionEvent: Sendable, Hashable {
    /// The buyer saved a payment method (setup-mode Checkout completed) at this time: the first period starts.
    case setupCompleted(at: Int64)
    /// The payment of an invoice succeeded (any attempt: money that arrived always counts).
    case paymentSucceeded(invoiceID: String)
    /// The invoice `invoiceID` needs no (further) payment without money arriving: corrections reduced what it
    /// owes to 0 (SETTLED). Its collection ends like a payment's.
    case invoiceSettled(invoiceID: String)
    /// Attempt `attempt` (1 = the first charge) to collect an invoice failed at `at`.
    case paymentFailed(invoiceID: String, attempt: Int, at: Int64)
    /// The clock reached `now`: start a retry whose time has come.
    case retryDue(now: Int64)
    /// The customer (or staff) asked to end the subscription at the end of the current period.
    case cancelAtPeriodEnd
    /// An admin ended the subscription at `at`, before its period ends.
    case cancelNow(at: Int64)
    /// Bill `planID` from the next period on.
    case changePlan(planID: String)
    /// The clock reached `now`: close the current period if it has ended.
    case periodEnded(now: Int64)
    /// The customer saved a new payment method (a payment-method setup completed): what is owed is charged with it
    /// now.
    case paymentMethodUpdated
}
