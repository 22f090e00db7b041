/// Why one event of a batch was refused: its index in the batch, the member and a stable code.
public struct UsageEventRejection: Sendable, Hashable {
    /// The event's position in `events` (from 0).
    public let index: Int
    /// The member at fault: `id`, `metric`, `quantity` or `occurred_at`.
    public let field: String
    /// A stable machine-readable code (`required`, `unknown_metric`, `negative`, `in_future`, `closed_period`, ...).
    public let code: String
    /// A plain English sentence for the client.
    public let detail: String

    /// A rejection.
    public init(index: Int, field: String, code: String, detail: String) {
        self.index = index
        self.field = field
        self.code = code
        self.detail = detail
    }

    /// The event at `index` names a metric that does not exist.
    public static func unknownMetric(at index: Int) -> Self {
        Self(index: index, field: "metric", code: "unknown_metric", detail: "is not a known metric")
    }

    /// The event at `index` happened on a day of a closed (billed) period.
    public static func closedPeriod(at index: Int) -> Self {
        Self(
            index: index, field: "occurred_at", code: "closed_period",
            detail: "falls into a period that is already closed")
    }
}
