public import Domain

/// A metric usage can be reported for (`usage_metrics`).
public struct UsageMetricRecord: Sendable, Hashable {
    /// The id, e.g. `assistant_minutes`.
    public let id: String
    /// The display name.
    public let name: LocalizedText
    /// The unit's name, e.g. Minuten / minutes.
    public let unit: LocalizedText
    /// How many units one credit pays; nil when credits do not pay this metric.
    public let unitsPerCredit: UsageQuantity?
}
