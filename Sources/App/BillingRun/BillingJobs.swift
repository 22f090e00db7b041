import Foundation
import Jobs
import Logging
import Postgres
import Storage
import Web

/// The billing run in the jobs process: a periodic `billing.close_periods` job (every minute) closes up to
/// ``batchSize`` due periods in its own transaction (a savepoint per subscription) and, while more are due,
/// enqueues the next batch. A SIGKILL loses the batch in flight (its job is recovered after the lease and redone);
/// every committed batch stays closed.
enum BillingJobs {
    /// The job kind.
    static let kind = "billing.close_periods"
    /// Periods one batch job closes at most.
    static let batchSize = 100

    static func register(on runner: JobRunner, logger: Logger) {
        runner.register(kind) { job, transaction in
            // A tick has no `as_of` (it bills up to now); a continuation batch keeps its run's clock.
            let given = (try? JSON.parse(Array(job.payload.utf8)))?["as_of"]?.intValue
            let asOf = given ?? Int(Date().timeIntervalSince1970)
            let report = try BillingRun(connection: transaction, logger: logger).run(
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
