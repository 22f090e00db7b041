/// The usage of one metric in a closed period, priced: used units against the included ones, the part paid with
/// credits, and the overage invoiced in arrears.
public struct UsageCharge: Sendable, Hashable {
    /// The metric id.
    public let metric: String
    /// Units used in the period.
    public let used: UsageQuantity
    /// Units included in the plan.
    public let included: UsageQuantity
    /// Units beyond the included ones.
    public let overage: UsageQuantity
    /// Credits spent on the overage (whole credits only, never more than needed).
    public let creditsApplied: Int
    /// Overage units paid with those credits.
    public let coveredByCredits: UsageQuantity
    /// Overage units invoiced: ``overage`` minus ``coveredByCredits``.
    public let billed: UsageQuantity
    /// The net price per billed unit.
    public let unitPrice: UnitPrice
    /// The net line total: ``billed`` × ``unitPrice``, rounded to cents once.
    public let amount: Money

    /// Prices `used` units against `allowance`, paying whole blocks of `unitsPerCredit` units with up to
    /// `creditsAvailable` credits first (no credits when `unitsPerCredit` is nil or zero).
    public init(
        used: UsageQuantity, allowance: MetricAllowance, unitsPerCredit: UsageQuantity?, creditsAvailable: Int
    ) {
        metric = allowance.metric
        self.used = used
        included = allowance.included
        overage = used.excess(over: allowance.included)
        unitPrice = allowance.overagePrice
        var credits = 0
        if let block = unitsPerCredit, block.thousandths > 0, creditsAvailable > 0 {
            credits = min(creditsAvailable, overage.thousandths / block.thousandths)
        }
        creditsApplied = credits
        coveredByCredits = UsageQuantity(thousandths: credits * (unitsPerCredit?.thousandths ?? 0))
        billed = overage.excess(over: coveredByCredits)
        amount = allowance.overagePrice.total(for: billed)
    }
}
