import Foundation
import Jobs
import Logging
import Stripe
import Web

/// The jobs process's subscription work: every 5 minutes, start the dunning retries that are due
/// (``CollectDueSubscriptions/startRetries(asOf:)``); period ends are the billing run's (`billing.close_periods`).
/// In mock mode (development) a payload `{"as_of": <Unix seconds>}` runs period ends (base-fee invoices) and retries
/// as of that time, for simulated months.
enum SubscriptionJobs {
    /// The periodic job kind.
    static let collect = "subscriptions.collect"

    static func register(
        on runner: JobRunner, configuration: Configuration,
        gateway: @escaping () throws(StripeError) -> any PaymentGateway, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        runner.register(collect) { job, connection in
            let shell = try SubscriptionServices.shell(
                configuration: configuration, gateway: gateway, connection: connection, logger: logger)
            let collection = CollectDueSubscriptions(connection: connection, shell: shell)
            if configuration.isStripeMockMode,
                let asOf = (try? JSON.parse(Array(job.payload.utf8)))?["as_of"]?.int64Value
            {
                // Development: a simulated month — period ends (base-fee invoices) and retries as of that time.
                _ = try collection.run(asOf: asOf)
                return
            }
            // Period ends belong to the billing run (`billing.close_periods`); this tick starts due retries.
            _ = try collection.startRetries(asOf: Int64(clock().timeIntervalSince1970))
            try JobsCommand.enqueuePeriodic(collect, every: 300, on: connection, clock: clock)
        }
    }
}
