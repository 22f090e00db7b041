/// What a plan includes of one metric per period and what each unit beyond that costs.
public struct MetricAllowance: Sendable, Hashable {
    /// The metric id, e.g. `assistant_minutes`.
    public let metric: String
    /// Units included in the base fee per period (per plan unit).
    public let included: UsageQuantity
    /// The net price of each unit beyond ``included``.
    public let overagePrice: UnitPrice

    /// An allowance of `included` units of `metric`, then `overagePrice` per unit.
    public init(metric: String, included: UsageQuantity, overagePrice: UnitPrice) {
        self.metric = metric
        self.included = included
        self.overagePrice = overagePrice
    }
}
