/// What one subscription owes at the turn of a period: the base fees of the new period in advance (plan and
/// add-ons) and the usage of the closed period in arrears, credits applied first. Pure: the billing run stores it
/// and issues it as one invoice.
public struct PeriodStatement: Sendable, Hashable {
    /// A base fee of the new period.
    public struct Fee: Sendable, Hashable {
        /// The plan or add-on id.
        public let itemID: String
        /// How many.
        public let quantity: Int
        /// The fee of one.
        public let unitFee: Money
        /// `unitFee × quantity` (exact).
        public let total: Money
    }

    /// The base fees of the period that starts now, plan first (empty when the subscription ends).
    public let fees: [Fee]
    /// One charge per metered metric of the closed period, in the order of its items' allowances.
    public let usage: [UsageCharge]
    /// The net total to invoice: every fee plus every usage amount.
    public let net: Money
    /// Credits spent in total.
    public var creditsApplied: Int { usage.reduce(0) { $0 + $1.creditsApplied } }
    /// The sum of the base fees; nil when no period follows.
    public var baseFee: Money? { fees.isEmpty ? nil : Money.sum(fees.map(\.total), currency: net.currency) }

    /// The statement for a closed period priced by `closed` with `used` units per metric, followed by a period
    /// priced by `next` (empty: none follows); `unitsPerCredit` says how many units of a metric one credit pays
    /// (absent: credits do not pay that metric) and `credits` is the company's balance.
    public init(
        closed: [PricedItem], next: [PricedItem], used: [String: UsageQuantity],
        unitsPerCredit: [String: UsageQuantity], credits: Int, currency: Currency = .eur
    ) {
        var remaining = max(0, credits)
        var charges: [UsageCharge] = []
        for allowance in PricedItem.allowances(of: closed) {
            let charge = UsageCharge(
                used: used[allowance.metric] ?? .zero, allowance: allowance,
                unitsPerCredit: unitsPerCredit[allowance.metric], creditsAvailable: remaining)
            remaining -= charge.creditsApplied
            charges.append(charge)
        }
        fees = next.map {
            Fee(
                itemID: $0.price.planID, quantity: $0.quantity, unitFee: $0.price.baseFee,
                total: $0.price.baseFee * $0.quantity)
        }
        usage = charges
        net = Money.sum(charges.map(\.amount) + fees.map(\.total), currency: currency)
    }

    /// A statement for a single plan price on each side (`nil`: no such period).
    public init(
        closedPrice: PlanPrice?, nextPrice: PlanPrice?, used: [String: UsageQuantity],
        unitsPerCredit: [String: UsageQuantity], credits: Int, currency: Currency = .eur
    ) {
        self.init(
            closed: closedPrice.map { [PricedItem(price: $0)] } ?? [],
            next: nextPrice.map { [PricedItem(price: $0)] } ?? [],
            used: used, unitsPerCredit: unitsPerCredit, credits: credits, currency: currency)
    }
}
