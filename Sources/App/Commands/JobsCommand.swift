import Domain
import Foundation
import Jobs
import Logging
import Postgres
import Storage
import Stripe
import SystemCalls
import Web

/// `codezero jobs`: the background process. Claims jobs with `FOR UPDATE SKIP LOCKED`, wakes on NOTIFY,
/// finishes the job at hand on SIGTERM, then exits. Handlers: Stripe events, order fulfilment,
/// reconciliation (every 5 minutes), retention (hourly: `ApplyRetention`), the page-cache purge after a catalog change;
/// beside them, on a thread of its own, the continuous usage fold (``UsageFolding``).
enum JobsCommand {
    static func run(configuration: Configuration) -> Int32 {
        StopSignal.install()
        let logger = Logger(label: "codezero.jobs")
        lowerPriority(to: configuration.jobsNice, logger: logger)
        let target = DatabaseTarget(configuration: configuration)
        let billing = BillingServices(configuration: configuration, logger: logger)
        let runner = JobRunner(
            connection: target.connect(application: "codezero-jobs"),
            configuration: JobRunnerConfiguration(lease: .seconds(configuration.jobLeaseSeconds)), logger: logger)
        register(on: runner, billing: billing, logger: logger)
        let scheduler = target.connect(application: "codezero-jobs-scheduler")
        schedule(on: scheduler, logger: logger)
        logger.info(
            "jobs process started", metadata: ["jobs.kinds": "\(runner.registeredKinds.joined(separator: ","))"])
        let folding = UsageFolding.start(connectionString: target.connectionString, logger: logger)
        runner.run(shouldStop: { StopSignal.requested != nil })
        folding.stop()
        scheduler.close()
        logger.info("jobs process stopped")
        return 0
    }

    /// Gives the jobs process (before it starts any thread) the nice value `nice`: its work — applying stored webhook
    /// events, mail, billing runs — may lag by seconds, while requests are waited for (Stripe waits for the webhook's
    /// 2xx). A refusal is logged, never fatal.
    static func lowerPriority(to nice: Int, logger: Logger) {
        guard nice > 0 else { return }
        do {
            let session = try ProcessPriority.lower(toNice: Int32(nice))
            logger.info(
                "jobs process runs at a lower CPU priority",
                metadata: ["jobs.nice": "\(nice)", "jobs.session_group": "\(session)"])
        } catch {
            logger.warning("could not lower the jobs process's CPU priority", metadata: ["error": "\(error)"])
        }
    }

    /// Registers every handler (also used by the tests, which run the runner in-process). `clock` is the wall
    /// clock every handler reads (pruning, reconciliation ages, periodic buckets, billing and dunning times);
    /// tests pass a fake one. The queue's own timing (`run_at`, leases) is the database's `now()`.
    static func register(
        on runner: JobRunner, billing: BillingServices, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        let gateway: () throws(StripeError) -> any PaymentGateway = { () throws(StripeError) in try billing.gateway() }
        // Stored Stripe events in batches (one commit per batch, a savepoint per event): a webhook burst is worked off
        // with a fraction of the commits. The handler only writes PostgreSQL except for rare session look-ups.
        // Webhooks store only the event (sql/0180); its job is queued here, many events per statement, and events of
        // types the processor does not act on (not a StripeEventType) are settled here without one.
        let handledTypes = StripeEventStore.EventTypes(StripeEventType.allCases.map(\.rawValue))
        runner.feed(from: "stripe_events") { connection in
            try StripeEventStore(connection: connection).queueJobs(
                jobKind: JobKinds.stripeEvent, maxAttempts: 12, limit: 256, handledTypes: handledTypes)
        }
        runner.register(JobKinds.stripeEvent, inBatchesOf: 32) { job, connection in
            guard let eventID = (try? JSON.parse(Array(job.payload.utf8)))?["event_id"]?.stringValue else {
                throw JobsError.permanentFailure("payload without event_id")
            }
            let configuration = billing.configuration
            var processor = StripeEventProcessor(gateway: gateway, seller: configuration.seller, logger: logger)
            processor.subscriptions = { connection in
                try SubscriptionServices.shell(
                    configuration: configuration, gateway: gateway, connection: connection, logger: logger)
            }
            _ = try processor.process(eventID: eventID, connection: connection)
        }
        runner.register(JobKinds.orderFulfil) { job, connection in
            guard let orderID = (try? JSON.parse(Array(job.payload.utf8)))?["order_id"]?.stringValue else {
                throw JobsError.permanentFailure("payload without order_id")
            }
            try OrderFulfilment.fulfil(
                orderID: orderID, orders: OrderStore(connection: connection), audit: AuditLog(connection: connection),
                logger: logger)
        }
        runner.register(JobKinds.refundDuplicate) { job, connection in
            guard let purchaseID = (try? JSON.parse(Array(job.payload.utf8)))?["purchase_id"]?.stringValue else {
                throw JobsError.permanentFailure("payload without purchase_id")
            }
            try RefundDuplicatePayment(
                gateway: gateway, seller: billing.configuration.seller, logger: logger
            ).run(
                purchaseID: purchaseID, connection: connection)
        }
        runner.register(JobKinds.reconcile) { _, connection in
            var reconcile = ReconcilePurchases(gateway: gateway, seller: billing.configuration.seller, logger: logger)
            reconcile.clock = clock
            let changed = try reconcile.run(connection: connection)
            if changed > 0 {
                logger.notice("reconciliation changed purchases", metadata: ["purchases.changed": "\(changed)"])
            }
            try enqueuePeriodic(JobKinds.reconcile, every: 300, on: connection, clock: clock)
        }
        runner.register(JobKinds.prune) { _, connection in
            let now = clock()
            try ApplyRetention(connection: connection, logger: logger).run(now: now)
            if billing.configuration.environment == .development {
                ServerLogRotation.development(
                    varDirectory: billing.configuration.varDirectory, logger: logger, now: now)
            }
            try enqueuePeriodic(JobKinds.prune, every: 3600, on: connection, clock: clock)
        }
        MailJobs.register(on: runner, configuration: billing.configuration, logger: logger)
        RenderInvoiceDocuments.register(on: runner, logger: logger)
        SubscriptionJobs.register(
            on: runner, configuration: billing.configuration, gateway: gateway, logger: logger, clock: clock)
        BillingJobs.register(
            on: runner, configuration: billing.configuration, gateway: gateway, logger: logger, clock: clock)
        RefundUnusedPeriod.register(
            on: runner, configuration: billing.configuration, gateway: gateway, logger: logger)
        let pageCache = PageCachePurge.directory(varDirectory: billing.configuration.varDirectory)
        runner.register(JobKinds.purgePages) { job, _ in
            let removed = try PageCachePurge.purge(directory: pageCache)
            logger.info(
                "page cache purged", metadata: ["cache.entries": "\(removed)", "job.payload": "\(job.payload)"])
        }
    }

    /// Makes sure the periodic jobs exist (once per time bucket: the dedupe key holds the bucket).
    static func schedule(on connection: PostgresConnection, logger: Logger) {
        do {
            try enqueuePeriodic(JobKinds.reconcile, every: 300, on: connection, now: true)
            try enqueuePeriodic(JobKinds.prune, every: 3600, on: connection, now: true)
            try enqueuePeriodic(SubscriptionJobs.collect, every: 300, on: connection, now: true)
            try enqueuePeriodic(SubscriptionJobs.reconcileProcessing, every: 3600, on: connection, now: true)
            try BillingJobs.schedule(on: connection)
        } catch {
            logger.warning("could not schedule periodic jobs yet", metadata: ["error": "\(error)"])
        }
    }

    /// Enqueues `kind` for the start of the next `seconds` bucket by `clock` (or the current one with `now`).
    static func enqueuePeriodic(
        _ kind: String, every seconds: Int, on connection: PostgresConnection, now: Bool = false,
        clock: @Sendable () -> Date = { Date() }
    )
        throws
    {
        let current = Int(clock().timeIntervalSince1970)
        let bucket = current / seconds + (now ? 0 : 1)
        let delay = max(0, bucket * seconds - current)
        _ = try JobQueue().enqueue(
            NewJob(kind: kind, maxAttempts: 3, delay: .seconds(delay), dedupeKey: "\(kind):\(bucket)"), on: connection)
    }
}
