/// Who collects a payment.
public enum PaymentProvider: String, Sendable, Hashable, CaseIterable {
    /// Stripe Checkout and PaymentIntents.
    case stripe = "STRIPE"
    /// The development stand-in (no secret key configured; refused in production).
    case mock = "MOCK"

    /// The payment method name written on an invoice paid this way (`stripe` or `mock`).
    public var invoiceMethod: String {
        switch self {
        case .stripe: "stripe"
        case .mock: "mock"
        }
    }
}
