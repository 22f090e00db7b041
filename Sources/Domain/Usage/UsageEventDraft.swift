/// A usage event as a client sent it, before validation: each member as text, nil when it was absent or not a
/// string.
public struct UsageEventDraft: Sendable, Hashable {
    /// The `id` member.
    public let id: String?
    /// The `metric` member.
    public let metric: String?
    /// The `quantity` member (a decimal string).
    public let quantity: String?
    /// The `occurred_at` member (RFC 3339).
    public let occurredAt: String?

    /// A draft from the members of one JSON object.
    public init(id: String?, metric: String?, quantity: String?, occurredAt: String?) {
        self.id = id
        self.metric = metric
        self.quantity = quantity
        self.occurredAt = occurredAt
    }
}
