import Logging
import Postgres
import Storage

/// One billing run: closes every subscription period ended by `asOf`, one transaction per subscription (so a
/// crash loses at most the one in flight and a rerun continues where it stopped), concurrent runs sharing the work
/// through `SKIP LOCKED`. Needs a connection outside any transaction. Used by `codezero billing run` and the jobs' `billing.close_periods` batches.
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
        /// The first failures, for the log and the command's output.
        var errors: [String] = []
    }

    let connection: PostgresConnection
    /// Issues each period's invoice.
    let invoicer: InvoiceSubscriptionPeriod
    let logger: Logger

    /// Runs with the clock at `asOf` (seconds since 1970), closing at most `limit` periods (nil: all).
    func run(asOf: Int, trigger: String, limit: Int? = nil, progress: (Report) -> Void = { _ in }) throws -> Report {
        precondition(!connection.isInTransaction, "BillingRun opens one transaction per subscription")
        let runs = BillingRunStore(connection: connection)
        var report = Report(runID: try runs.startRun(trigger: trigger, asOf: asOf))
        var excluded = Set<String>()
        while limit.map({ report.closed + report.failed < $0 }) ?? true {
            var claimed: String?
            do {
                let result = try connection.transaction { transaction -> PeriodClose?? in
                    let store = BillingRunStore(connection: transaction)
                    guard let id = try store.claimDue(asOf: asOf, excluding: excluded) else { return nil }
                    claimed = id
                    let close = try CloseSubscriptionPeriod.close(
                        subscriptionID: id, asOf: asOf, runID: report.runID, invoicer: invoicer, connection: transaction
                    )
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
                if report.errors.count < 5 { report.errors.append("\(id): \(String(reflecting: error))") }
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
}
