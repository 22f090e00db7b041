import Domain
import Postgres
import Storage

/// The company's usage in its current period against what its plan includes (`GET /api/v1/usage/current`).
struct CurrentUsage: Equatable {
    /// One metric's line.
    struct Line: Equatable {
        /// The metric id.
        let metric: String
        /// Used so far in the period.
        let used: UsageQuantity
        /// Included in the plan.
        let included: UsageQuantity
        /// Beyond the included units.
        let overage: UsageQuantity
        /// The overage priced (before credits), rounded to cents once.
        let overageAmount: Money
    }

    /// The period.
    let period: UsagePeriod
    /// The plan that prices it; nil while the company has no subscription.
    let planID: String?
    /// One line per metric the plan meters or the company used, in metric order.
    let lines: [Line]

    /// Reads the current usage of `companyID` at `nowSeconds`: the subscription's period and plan when
    /// `subscription` is given, else the calendar month without a plan.
    static func read(
        companyID: String, nowSeconds: Int, subscription: SubscriptionPeriod?, connection: PostgresConnection
    ) throws -> CurrentUsage {
        let period =
            subscription?.period ?? UsagePeriod.calendarMonth(containing: UsageDay(secondsSinceEpoch: nowSeconds))
        let totals = try UsageStore(connection: connection).totals(companyID: companyID, period: period)
        let prices = PlanPriceStore(connection: connection)
        let price = try subscription.flatMap {
            try prices.applicable(planID: $0.planID, companyID: companyID, periodStart: period.start.startSeconds)
        }
        let metrics = try prices.metrics()
        let lines: [Line] = metrics.compactMap { metric in
            let used = totals[metric.id] ?? .zero
            let allowance = price?.allowance(for: metric.id)
            guard allowance != nil || used > .zero else { return nil }
            let included = allowance?.included ?? .zero
            let overage = used.excess(over: included)
            let amount = allowance?.overagePrice.total(for: overage) ?? .zero(price?.baseFee.currency ?? .eur)
            return Line(metric: metric.id, used: used, included: included, overage: overage, overageAmount: amount)
        }
        return CurrentUsage(period: period, planID: subscription?.planID, lines: lines)
    }
}
