/// Where a purchase stands (the seed's `PurchaseStatus`).
public enum PurchaseStatus: String, Sendable, Hashable, CaseIterable {
    /// Created, Checkout started; also after a completed-but-unpaid session (bank debits settle later).
    case pending = "PENDING"
    /// The money arrived; credits were granted / the order was marked paid.
    case paid = "PAID"
    /// The session expired or the asynchronous payment failed; nothing was granted.
    case failed = "FAILED"
    /// Paid, then refunded; the granted credits were taken back.
    case refunded = "REFUNDED"
}
