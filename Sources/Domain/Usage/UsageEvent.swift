/// One metered usage event, validated: the client's id (unique per company), the metric, an exact quantity and
/// when it happened.
public struct UsageEvent: Sendable, Hashable {
    /// The client's id for the event; a second event with the same id for the same company is a duplicate.
    public let id: String
    /// The metric id, e.g. `assistant_minutes`.
    public let metric: String
    /// How much was used.
    public let quantity: UsageQuantity
    /// When it happened, milliseconds since 1970 (UTC).
    public let occurredAtMilliseconds: Int

    /// A validated event.
    public init(id: String, metric: String, quantity: UsageQuantity, occurredAtMilliseconds: Int) {
        self.id = id
        self.metric = metric
        self.quantity = quantity
        self.occurredAtMilliseconds = occurredAtMilliseconds
    }

    /// The UTC day the event counts for.
    public var day: UsageDay {
        UsageDay(secondsSinceEpoch: occurredAtMilliseconds >= 0 ? occurredAtMilliseconds / 1_000 : -1)
    }
}
