/// Where a configurator order stands.
public enum OrderStatus: String, Sendable, Hashable, CaseIterable {
    /// Placed and priced; waiting for its first payment.
    case pending = "PENDING"
    /// The first payment arrived (once; the fulfilment follows).
    case paid = "PAID"
    /// Withdrawn before it was paid.
    case cancelled = "CANCELLED"
}
