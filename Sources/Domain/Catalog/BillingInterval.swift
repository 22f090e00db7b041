/// How often an item is charged.
public enum BillingInterval: String, Sendable, Hashable, CaseIterable {
    /// Charged once, with the first payment.
    case oneTime = "one_time"
    /// Charged every month, starting with the first payment.
    case monthly
}
