/// One version of a plan's price: the monthly base fee and the allowance per metric, valid for every period that
/// starts at or after ``effectiveFrom`` until a later version takes over.
///
/// A price change is a new version whose ``effectiveFrom`` is the moment of the change (or later); the period
/// running at that moment keeps the price it started with, so a change applies from the next period.
public struct PlanPrice: Sendable, Hashable {
    /// The plan id (a monthly package or add-on of the catalog), e.g. `assistant_starter`.
    public let planID: String
    /// Seconds since 1970 (UTC) from which periods are priced by this version.
    public let effectiveFrom: Int
    /// The net base fee per period, billed in advance.
    public let baseFee: Money
    /// The included units and overage price per metric, billed in arrears.
    public let allowances: [MetricAllowance]

    /// A price version.
    public init(planID: String, effectiveFrom: Int, baseFee: Money, allowances: [MetricAllowance]) {
        self.planID = planID
        self.effectiveFrom = effectiveFrom
        self.baseFee = baseFee
        self.allowances = allowances
    }

    /// The allowance for `metric`, if the plan meters it.
    public func allowance(for metric: String) -> MetricAllowance? {
        allowances.first { $0.metric == metric }
    }

    /// The version that prices a period starting at `periodStart`: the company's own pricing when one applies,
    /// else the plan's; in each list the latest version with `effectiveFrom ≤ periodStart`.
    public static func applicable(
        at periodStart: Int, planVersions: [PlanPrice], companyVersions: [PlanPrice] = []
    ) -> PlanPrice? {
        func latest(_ versions: [PlanPrice]) -> PlanPrice? {
            versions.filter { $0.effectiveFrom <= periodStart }.max { $0.effectiveFrom < $1.effectiveFrom }
        }
        return latest(companyVersions) ?? latest(planVersions)
    }
}
