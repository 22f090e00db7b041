import Domain
import Postgres
import Storage

/// The plan and current period of a company's subscription, as usage and billing see it.
struct SubscriptionPeriod: Equatable {
    /// The subscription id.
    let subscriptionID: String
    /// The plan id.
    let planID: String
    /// The current period in usage days.
    let period: UsagePeriod

    /// The current period of the company's running subscription (ACTIVE, PAST_DUE or SUSPENDED; the newest when
    /// there are several), or nil when it has none.
    static func current(companyID: String, connection: PostgresConnection) throws -> SubscriptionPeriod? {
        let running = try SubscriptionStore(connection: connection).subscriptions(companyID: companyID).first {
            [.active, .pastDue, .suspended].contains($0.state.status) && $0.state.periodEnd > $0.state.periodStart
        }
        return running.map { record in
            SubscriptionPeriod(
                subscriptionID: record.id, planID: record.state.planID,
                period: UsagePeriod(
                    start: UsageDay(secondsSinceEpoch: Int(record.state.periodStart)),
                    end: UsageDay(secondsSinceEpoch: Int(record.state.periodEnd))))
        }
    }
}
