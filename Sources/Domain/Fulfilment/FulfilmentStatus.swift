/// Where a paid order's fulfilment stands (issue 13 item 4): PAID → IN_PROGRESS → DELIVERED, or CANCELLED
/// (refunded and corrected) before delivery.
public enum FulfilmentStatus: String, Sendable, Hashable, CaseIterable {
    /// Paid, nobody has started yet.
    case paid = "PAID"
    /// Staff are working on it.
    case inProgress = "IN_PROGRESS"
    /// Delivered to the client (final).
    case delivered = "DELIVERED"
    /// Cancelled with a refund and a correction invoice (final).
    case cancelled = "CANCELLED"

    /// Whether nothing can follow.
    public var isFinal: Bool { self == .delivered || self == .cancelled }
}
