import Domain
import Stripe

/// Stripe's view of a Checkout session → the domain's payment signal.
enum PaymentSignals {
    /// The signal a retrieved (or event-carried) session gives, whatever event brought it.
    static func signal(for session: CheckoutSession) -> PaymentSignal {
        switch session.status {
        case .open: return .sessionOpen
        case .expired: return .sessionExpired
        case .complete:
            return .sessionCompleted(
                paymentStatus: session.paymentStatus.rawValue, amountTotal: session.amountTotal.map { Int($0) },
                currency: session.currency)
        }
    }

    /// The signal of a Checkout event, or nil for event types that carry no payment fact.
    static func signal(for type: StripeEventType, session: CheckoutSession) -> PaymentSignal? {
        switch type {
        case .checkoutSessionCompleted:
            return .sessionCompleted(
                paymentStatus: session.paymentStatus.rawValue, amountTotal: session.amountTotal.map { Int($0) },
                currency: session.currency)
        case .checkoutSessionAsyncPaymentSucceeded:
            return .asyncPaymentSucceeded(amountTotal: session.amountTotal.map { Int($0) }, currency: session.currency)
        case .checkoutSessionAsyncPaymentFailed: return .asyncPaymentFailed
        case .checkoutSessionExpired: return .sessionExpired
        default: return nil
        }
    }
}
