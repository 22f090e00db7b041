/// The `mode` of a Checkout Session.
public enum CheckoutMode: String, Sendable, Equatable, CaseIterable {
    /// A one-time payment.
    case payment
    /// Saving a payment method for later.
    case setup
    /// A recurring subscription.
    case subscription
}
