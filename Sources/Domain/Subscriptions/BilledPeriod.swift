/// One billing period of a subscription: `[start, end)` in Unix seconds (UTC) and the plan billed in it.
public struct BilledPeriod: Sendable, Hashable {
    /// Start (inclusive).
    public var start: Int64
    /// End (exclusive).
    public var end: Int64
    /// The plan of the period.
    public var planID: String

    /// A period.
    public init(start: Int64, end: Int64, planID: String) {
        self.start = start
        self.end = end
        self.planID = planID
    }
}
