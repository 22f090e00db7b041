/// What the checkout success page knows about the payment the buyer returns from.
public struct CheckoutState: Sendable, Hashable {
    /// The payment's state as far as we know it.
    public enum Status: String, Sendable, Hashable {
        /// Paid: credits granted / order paid.
        case paid
        /// Not confirmed yet (an asynchronous payment, or Stripe has not told us yet).
        case pending
        /// Expired or failed.
        case failed
        /// No purchase of the signed-in company has this session.
        case unknown
    }

    /// The state.
    public var status: Status
    /// The company's credit balance, when known.
    public var balance: Int?
    /// In mock mode: the session id the "simulate payment" form completes.
    public var simulatedSessionID: String?

    /// A state.
    public init(status: Status, balance: Int? = nil, simulatedSessionID: String? = nil) {
        self.status = status
        self.balance = balance
        self.simulatedSessionID = simulatedSessionID
    }
}
