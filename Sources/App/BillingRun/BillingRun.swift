import Logging
import Postgres
import Storage

/// One billing run: closes every subscription period ended by `asOf`, one transaction per subscription (so a
/// crash loses at most the one in flight and a rerun continues where it stopped), concurrent runs sharing the work
/// through `SKIP LOCKED`. Inside a caller's transaction (a jobs batch) each subscription gets a savepoint instead
/// and the batch commits with its job. Used by `codezero billing run` and the jobs' `billing.close_periods` batches.
struct BillingRun {
    /// What a run did.
    struct Report: Equatable {
        /// The run's id (`billing_runs`).
        var runID: Int
        /// Periods closed.
        var closed = 0
        /// Subscriptions that failed (left for the next run).
        var failed = 0
        /// Periods still due after the run (its limit reached, or failures).
        var remaining = 0
    }

    let connection: PostgresConnection
    let logger: Logger

    /// Runs with the clock at `asOf` (seconds since 1970), closing at most `limit` periods (nil: all).
    func run(asOf: Int, trigger: String, limit: Int? = nil, progress: (Report) -> Void = { _ in }) throws -> Report {
        let runs = BillingRunStore(connection: connection)
        var report = Report(runID: try runs.startRun(trigger: trigger, asOf: asOf))
        var excluded = Set<String>()
        while limit.map({ report.closed + report.failed < $0 }) ?? true {
            var claimed: String?
            do {
                let result = try step { transaction -> PeriodClose?? in
                    let store = BillingRunStore(connection: transaction)
                    guard let id = try store.claimDue(asOf: asOf, excluding: excluded) else { return nil }
                    claimed = id
                    let close = try CloseSubscriptionPeriod.close(
                        subscriptionID: id, asOf: asOf, runID: report.runID, connection: transaction)
                    if close != nil { try store.count(runID: report.runID, closed: 1, failed: 0) }
                    return .some(close)
                }
                guard let result, let id = claimed else { break }
                if result == nil {
                    excluded.insert(id)
                } else {
                    report.closed += 1
                    if report.closed % 500 == 0 { progress(report) }
                }
            } catch {
                guard let id = claimed else { throw error }
                excluded.insert(id)
                report.failed += 1
                try runs.count(runID: report.runID, closed: 0, failed: 1)
                logger.error(
                    "billing: could not close a subscription period",
                    metadata: ["subscription.id": "\(id)", "error": "\(String(reflecting: error))"])
            }
        }
        try runs.finishRun(id: report.runID)
        report.remaining = try runs.backlog(asOf: asOf)
        logger.info(
            "billing run finished",
            metadata: [
                "billing.run_id": "\(report.runID)", "billing.closed": "\(report.closed)",
                "billing.failed": "\(report.failed)", "billing.remaining": "\(report.remaining)",
            ])
        return report
    }

    /// Runs `body` in its own transaction, or in a savepoint when the caller holds one (a jobs batch): a failed
    /// subscription is rolled back alone either way.
    private func step<Value>(_ body: (PostgresConnection) throws -> Value) throws -> Value {
        guard connection.isInTransaction else { return try connection.transaction(body) }
        try connection.execute("SAVEPOINT billing_step")
        do {
            let value = try body(connection)
            try connection.execute("RELEASE SAVEPOINT billing_step")
            return value
        } catch {
            _ = try? connection.execute("ROLLBACK TO SAVEPOINT billing_step")
            throw error
        }
    }
}
