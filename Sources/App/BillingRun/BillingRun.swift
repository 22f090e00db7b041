import Logging
import Postgres
import Storage
import Stripe

/// One billing run: closes every subscription period ended by `asOf`, one transaction per subscription (so a
/// crash loses at most the one in flight and a rerun continues where it stopped), concurrent runs sharing the work
/// through `SKIP LOCKED`. Each issued invoice is charged right after its close commits (``ChargePeriodInvoices``:
/// PaymentIntent per invoice, the outcome applied by the subscription shell), invoices a crash left uncharged are
/// charged at the end, and — when asked — the dunning retries due by `asOf` are started. Needs a connection outside
/// any transaction. Used by `codezero billing run` and the jobs' `billing.close_periods` batches.
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
        /// Period invoices charged (first attempt, whatever its outcome).
        var charged = 0
        /// Issued invoices still waiting for their first charge after the run (Stripe unreachable): the next run
        /// charges them.
        var uncharged = 0
        /// Charges this run could not make (Stripe unreachable).
        var chargeErrors = 0
        /// Dunning retries started.
        var retriesStarted = 0
    }

    let connection: PostgresConnection
    /// Issues each period's invoice.
    let invoicer: InvoiceSubscriptionPeriod
    /// The subscription state machine's shell: charges invoices and starts retries.
    let shell: ApplySubscriptionEvent
    let logger: Logger

    /// A run with the invoicer and the shell built from `configuration` (catalog read on `connection`).
    static func make(
        configuration: Configuration, gateway: @escaping () throws(StripeError) -> any PaymentGateway,
        connection: PostgresConnection, logger: Logger
    ) throws -> BillingRun {
        BillingRun(
            connection: connection,
            invoicer: InvoiceSubscriptionPeriod(issuer: IssueInvoice(seller: configuration.seller, logger: logger)),
            shell: try SubscriptionServices.shell(
                configuration: configuration, gateway: gateway, connection: connection, logger: logger),
            logger: logger)
    }

    /// Runs with the clock at `asOf` (seconds since 1970), closing at most `limit` periods (nil: all); with
    /// `retries`, also starts the dunning retries due by then.
    func run(
        asOf: Int, trigger: String, limit: Int? = nil, retries: Bool = false, progress: (Report) -> Void = { _ in }
    ) throws -> Report {
        precondition(!connection.isInTransaction, "BillingRun opens one transaction per subscription")
        let runs = BillingRunStore(connection: connection)
        let charges = ChargePeriodInvoices(connection: connection, shell: shell, logger: logger)
        var report = Report(runID: try runs.startRun(trigger: trigger, asOf: asOf))
        var excluded = Set<String>()
        var chargingPaused = false
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
                    if let invoiceID = result?.invoiceID, !chargingPaused {
                        do {
                            if try charges.charge(invoiceID: invoiceID, now: Int64(asOf)) { report.charged += 1 }
                        } catch {
                            // Stripe unreachable: this and the following invoices stay queued for the pass
                            // below or the next run (no timeout per subscription).
                            chargingPaused = true
                            report.chargeErrors += 1
                            logger.error(
                                "billing: could not charge a period invoice; it stays queued",
                                metadata: ["invoice.id": "\(invoiceID)", "error": "\(String(reflecting: error))"])
                        }
                    }
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
        // Invoices a crashed (or still failing) run left uncharged.
        let pass = charges.chargeDue(now: Int64(asOf))
        report.charged += pass.charged
        report.chargeErrors += pass.failed
        report.uncharged = try SubscriptionChargeQueue(connection: connection).count()
        if retries {
            report.retriesStarted = try CollectDueSubscriptions(connection: connection, shell: shell).startRetries(
                asOf: Int64(asOf))
        }
        try runs.finishRun(id: report.runID)
        report.remaining = try runs.backlog(asOf: asOf)
        logger.info(
            "billing run finished",
            metadata: [
                "billing.run_id": "\(report.runID)", "billing.closed": "\(report.closed)",
                "billing.failed": "\(report.failed)", "billing.remaining": "\(report.remaining)",
                "billing.charged": "\(report.charged)", "billing.uncharged": "\(report.uncharged)",
                "billing.retries_started": "\(report.retriesStarted)",
            ])
        return report
    }
}
