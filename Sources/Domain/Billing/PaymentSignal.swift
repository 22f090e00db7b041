/// What we learned about a purchase's Checkout session, from a verified webhook, a session retrieved from
/// Stripe, or the simulated gateway. Only facts that were verified get here.
public enum PaymentSignal: Sendable, Hashable {
    /// `checkout.session.completed` (or a retrieved session with status `complete`), with its payment status
    /// (`paid`, `unpaid`, `no_payment_required`) and the amount and currency Stripe charged.
    case sessionCompleted(paymentStatus: String, amountTotal: Int?, currency: String?)
    /// `checkout.session.async_payment_succeeded`.
    case asyncPaymentSucceeded(amountTotal: Int?, currency: String?)
    /// `checkout.session.async_payment_failed`.
    case asyncPaymentFailed
    /// `checkout.session.expired` (or a retrieved session with status `expired`).
    case sessionExpired
    /// A retrieved session that is still `open`.
    case sessionOpen
    /// The payment was refunded in full (`charge.refunded`).
    case refunded
}
