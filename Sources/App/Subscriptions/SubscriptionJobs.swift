import Foundation
import Jobs
import Logging
import Stripe
import Web

/// The jobs process's subscription work: every 5 minutes, start the dunning retries that are due
/// (``CollectDueSubscriptions/startRetries(asOf:)``); period ends are the billing run's (`billing.close_periods`).
/// Every hour, ask Stripe about charges `processing` for too long (``ReconcileProcessingPayments``).
/// In mock mode (development) a payload `{"as_of": <Unix seconds>}` runs period ends (base-fee invoices) and retries
/// as of that time, for simulated months.
enum SubscriptionJobs {
    /// The periodic job kind.
    static let collect = "subscriptions.collect"
    /// The hourly job that asks Stripe about charges `processing` for too long (``ReconcileProcessingPayments``).
    static let reconcileProcessing = "subscriptions.reconcile_processing"

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
        runner.register(reconcileProcessing) { _, connection in
            let shell = try SubscriptionServices.shell(
                configuration: configuration, gateway: gateway, connection: connection, logger: logger)
            _ = try ReconcileProcessingPayments(connection: connection, shell: shell).run(
                now: Int64(clock().timeIntervalSince1970))
            try JobsCommand.enqueuePeriodic(reconcileProcessing, every: 3600, on: connection, clock: clock)
        }
    }
}
