/// A plan or add-on of a subscription with its quantity and the price version of one period.
public struct PricedItem: Sendable, Hashable {
    /// The price version (its ``PlanPrice/planID`` names the item).
    public let price: PlanPrice
    /// How many (1 for the plan; an add-on's quantity).
    public let quantity: Int

    /// An item.
    public init(price: PlanPrice, quantity: Int = 1) {
        precondition(quantity >= 1, "PricedItem: quantity \(quantity) below 1")
        self.price = price
        self.quantity = quantity
    }

    /// The allowance per metric of several items together: included units add up (× quantity); the overage price
    /// is the first item's that meters the metric (the plan comes first). Metrics in first-seen order.
    public static func allowances(of items: [PricedItem]) -> [MetricAllowance] {
        var merged: [MetricAllowance] = []
        for item in items {
            for allowance in item.price.allowances {
                let included = UsageQuantity(thousandths: allowance.included.thousandths * item.quantity)
                if let index = merged.firstIndex(where: { $0.metric == allowance.metric }) {
                    merged[index] = MetricAllowance(
                        metric: allowance.metric, included: merged[index].included + included,
                        overagePrice: merged[index].overagePrice)
                } else {
                    merged.append(
                        MetricAllowance(
                            metric: allowance.metric, included: included, overagePrice: allowance.overagePrice))
                }
            }
        }
        return merged
    }
}
