import Foundation
import Jobs
import Logging
import Stripe
import Web

/// The jobs process's subscription work: every 5 minutes, close ended periods and start due dunning retries
/// (``CollectDueSubscriptions``). The payload may carry `{"as_of": <Unix seconds>}` to run as of another time —
/// honoured only in mock mode (development), for simulated months; `codezero billing run --as-of` does the same.
enum SubscriptionJobs {
    /// The periodic job kind.
    static let collect = "subscriptions.collect"

    static func register(
        on runner: JobRunner, configuration: Configuration,
        gateway: @escaping () throws(StripeError) -> any PaymentGateway, logger: Logger
    ) {
        runner.register(collect) { job, connection in
            let now = Int64(Date().timeIntervalSince1970)
            var asOf = now
            if configuration.isStripeMockMode,
                let given = (try? JSON.parse(Array(job.payload.utf8)))?["as_of"]?.int64Value
            {
                asOf = given
            }
            let shell = try SubscriptionServices.shell(
                configuration: configuration, gateway: gateway, connection: connection, logger: logger)
            _ = try CollectDueSubscriptions(connection: connection, shell: shell).run(asOf: asOf)
            if job.payload == "{}" || job.payload.isEmpty {
                try JobsCommand.enqueuePeriodic(collect, every: 300, on: connection)
            }
        }
    }
}
