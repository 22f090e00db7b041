/// The event types Code Zero acts on (names as Stripe sends them in `type`).
public enum StripeEventType: String, Sendable, Equatable, CaseIterable {
    /// Checkout finished; fulfil only when the session ``CheckoutSession/isPaid``.
    case checkoutSessionCompleted = "checkout.session.completed"
    /// A delayed payment cleared: fulfil.
    case checkoutSessionAsyncPaymentSucceeded = "checkout.session.async_payment_succeeded"
    /// A delayed payment failed: cancel.
    case checkoutSessionAsyncPaymentFailed = "checkout.session.async_payment_failed"
    /// The session expired without payment: release it.
    case checkoutSessionExpired = "checkout.session.expired"
    /// A charge was (partly) refunded.
    case chargeRefunded = "charge.refunded"
    /// A refund was created.
    case refundCreated = "refund.created"
    /// A refund changed (e.g. pending → succeeded).
    case refundUpdated = "refund.updated"
    /// A SetupIntent saved a payment method (setup-mode Checkout).
    case setupIntentSucceeded = "setup_intent.succeeded"
    /// An off-session charge succeeded.
    case paymentIntentSucceeded = "payment_intent.succeeded"
    /// An off-session charge failed.
    case paymentIntentPaymentFailed = "payment_intent.payment_failed"

    /// Whether events of this type carry a checkout session in `data.object`.
    public var carriesCheckoutSession: Bool { rawValue.hasPrefix("checkout.session.") }
}

extension StripeEvent {
    /// The known type of this event, or `nil` for types Code Zero stores but does not act on.
    public var knownType: StripeEventType? { StripeEventType(rawValue: type) }
}
