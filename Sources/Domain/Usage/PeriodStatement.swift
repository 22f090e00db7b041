/// What one subscription owes at the turn of a period: the base fee of the new period in advance and the usage
/// of the closed period in arrears, credits applied first. Pure: the billing run stores it as one invoice.
public struct PeriodStatement: Sendable, Hashable {
    /// The base fee of the period that starts now (nil when the subscription ends with the closed period).
    public let baseFee: Money?
    /// One charge per metered metric of the closed period's price, in the price's order.
    public let usage: [UsageCharge]
    /// The net total to invoice: base fee plus every usage amount.
    public let net: Money
    /// Credits spent in total.
    public var creditsApplied: Int { usage.reduce(0) { $0 + $1.creditsApplied } }

    /// The statement for a period priced by `closedPrice` with `used` units per metric, followed by a period
    /// priced by `nextPrice` (nil: none follows); `unitsPerCredit` says how many units of a metric one credit
    /// pays (absent: credits do not pay that metric) and `credits` is the company's balance.
    public init(
        closedPrice: PlanPrice?, nextPrice: PlanPrice?, used: [String: UsageQuantity],
        unitsPerCredit: [String: UsageQuantity], credits: Int, currency: Currency = .eur
    ) {
        var remaining = max(0, credits)
        var charges: [UsageCharge] = []
        for allowance in closedPrice?.allowances ?? [] {
            let charge = UsageCharge(
                used: used[allowance.metric] ?? .zero, allowance: allowance,
                unitsPerCredit: unitsPerCredit[allowance.metric], creditsAvailable: remaining)
            remaining -= charge.creditsApplied
            charges.append(charge)
        }
        baseFee = nextPrice?.baseFee
        usage = charges
        net = Money.sum(charges.map(\.amount) + [nextPrice?.baseFee].compactMap { $0 }, currency: currency)
    }
}
