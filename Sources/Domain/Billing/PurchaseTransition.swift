/// The purchase lifecycle as a pure function: (status, signal) → (status, actions).
///
/// State-based, not order-based: whatever order or how often signals arrive, a purchase grants once.
/// A "paid" signal is only acted on when the charged amount and currency match what we asked for.
public struct PurchaseTransition: Sendable, Hashable {
    /// What the shell must do.
    public enum Action: Sendable, Hashable {
        /// Record the payment: grant the credits / mark the order paid (the ledger's constraint makes a
        /// repetition harmless).
        case fulfil
        /// Take the granted credits back.
        case revokeCredits
        /// Stripe reported an amount or currency other than what we charged: keep the purchase as it is and
        /// alert an operator.
        case reportAmountMismatch(expected: Int, reported: Int?, currency: String?)
    }

    /// The status after the signal.
    public let status: PurchaseStatus
    /// What to do, in order.
    public let actions: [Action]

    /// Applies `signal` to a purchase in `status` that charges `amountCents` in `currency`.
    public static func apply(
        _ signal: PaymentSignal, to status: PurchaseStatus, amountCents: Int, currency: Currency
    ) -> PurchaseTransition {
        func paid(_ reported: Int?, _ reportedCurrency: String?) -> PurchaseTransition {
            guard reported == amountCents, reportedCurrency.flatMap({ try? Currency(code: $0) }) == currency else {
                return PurchaseTransition(
                    status: status,
                    actions: [
                        .reportAmountMismatch(expected: amountCents, reported: reported, currency: reportedCurrency)
                    ])
            }
            switch status {
            case .pending, .failed: return PurchaseTransition(status: .paid, actions: [.fulfil])
            case .paid, .refunded: return PurchaseTransition(status: status, actions: [])
            }
        }
        switch signal {
        case .sessionCompleted(let paymentStatus, let amount, let reportedCurrency):
            if paymentStatus == "paid" { return paid(amount, reportedCurrency) }
            return PurchaseTransition(status: status, actions: [])
        case .asyncPaymentSucceeded(let amount, let reportedCurrency):
            return paid(amount, reportedCurrency)
        case .asyncPaymentFailed, .sessionExpired:
            return PurchaseTransition(status: status == .pending ? .failed : status, actions: [])
        case .sessionOpen:
            return PurchaseTransition(status: status, actions: [])
        case .refunded:
            guard status == .paid else { return PurchaseTransition(status: status, actions: []) }
            return PurchaseTransition(status: .refunded, actions: [.revokeCredits])
        }
    }
}
