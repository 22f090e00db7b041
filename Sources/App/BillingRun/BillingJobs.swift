import Domain
import Foundation
import Jobs
import Logging
import Postgres
import Storage
import Stripe
import Web

/// The billing run in the jobs process: a periodic `billing.close_periods` job (every minute) closes up to
/// ``batchSize`` due periods — on the process's billing connection, one transaction per subscription (an invoice
/// must be issued in a top-level transaction) — and, while more are due, enqueues the next batch with its job's
/// completion. A SIGKILL loses at most the subscription in flight; the job is recovered after its lease and the
/// rerun continues where the last committed close left off.
enum BillingJobs {
    /// The job kind.
    static let kind = "billing.close_periods"
    /// Periods one batch job closes at most.
    static let batchSize = 100

    static func register(
        on runner: JobRunner, configuration: Configuration,
        gateway: @escaping () throws(StripeError) -> any PaymentGateway, logger: Logger
    ) {
        let billing = BillingConnection()
        runner.register(kind) { job, transaction in
            // A tick has no `as_of` (it bills up to now); a continuation batch keeps its run's clock.
            let given = (try? JSON.parse(Array(job.payload.utf8)))?["as_of"]?.intValue
            let asOf = given ?? Int(Date().timeIntervalSince1970)
            // Dunning retries are `subscriptions.collect`'s; this batch closes, invoices and charges.
            let report = try BillingRun.make(
                configuration: configuration, gateway: gateway, connection: billing.connection(like: transaction),
                logger: logger
            ).run(
                asOf: asOf, trigger: "jobs", limit: batchSize)
            if report.remaining > 0 && report.closed > 0 {
                _ = try JobQueue().enqueue(
                    NewJob(
                        kind: kind, payload: #"{"as_of":\#(asOf)}"#, maxAttempts: 5,
                        dedupeKey: "\(kind):after:\(report.runID)"), on: transaction)
            }
            if given == nil { try JobsCommand.enqueuePeriodic(kind, every: 60, on: transaction) }
        }
    }

    static func schedule(on connection: PostgresConnection) throws {
        try JobsCommand.enqueuePeriodic(kind, every: 60, on: connection, now: true)
    }
}

/// The jobs process's own connection for the billing run (the job's connection is inside the job's transaction).
final class BillingConnection {
    private var current: PostgresConnection?

    /// The connection, opened on first use with the same connection string as `other`.
    func connection(like other: PostgresConnection) -> PostgresConnection {
        if let current { return current }
        let opened = PostgresConnection(other.connectionString, applicationName: "codezero-billing")
        current = opened
        return opened
    }
}
