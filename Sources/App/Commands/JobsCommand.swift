import Domain
import Foundation
import Jobs
import Logging
import Postgres
import Storage
import Stripe
import Web

/// `codezero jobs`: the background process. Claims jobs with `FOR UPDATE SKIP LOCKED`, wakes on NOTIFY,
/// finishes the job at hand on SIGTERM, then exits. Handlers: Stripe events, order fulfilment,
/// reconciliation (every 5 minutes), retention (hourly: `ApplyRetention`), the page-cache purge after a catalog change.
enum JobsCommand {
    static func run(configuration: Configuration) -> Int32 {
        StopSignal.install()
        let logger = Logger(label: "codezero.jobs")
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
        runner.run(shouldStop: { StopSignal.requested != nil })
        scheduler.close()
        logger.info("jobs process stopped")
        return 0
    }

    /// Registers every handler (also used by the tests, which run the runner in-process).
    static func register(on runner: JobRunner, billing: BillingServices, logger: Logger) {
        let gateway: () throws(StripeError) -> any PaymentGateway = { () throws(StripeError) in try billing.gateway() }
        runner.register(JobKinds.stripeEvent) { job, connection in
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
            try OrderFulfilment.fulfil(orderID: orderID, connection: connection, logger: logger)
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
            let changed = try ReconcilePurchases(
                gateway: gateway, seller: billing.configuration.seller, logger: logger
            ).run(connection: connection)
            if changed > 0 {
                logger.notice("reconciliation changed purchases", metadata: ["purchases.changed": "\(changed)"])
            }
            try enqueuePeriodic(JobKinds.reconcile, every: 300, on: connection)
        }
        runner.register(JobKinds.prune) { _, connection in
            let now = Date()
            try ApplyRetention(connection: connection, logger: logger).run(now: now)
            if billing.configuration.environment == .development {
                ServerLogRotation.development(
                    varDirectory: billing.configuration.varDirectory, logger: logger, now: now)
            }
            try enqueuePeriodic(JobKinds.prune, every: 3600, on: connection)
        }
        MailJobs.register(on: runner, configuration: billing.configuration, logger: logger)
        RenderInvoiceDocuments.register(on: runner, logger: logger)
        SubscriptionJobs.register(on: runner, configuration: billing.configuration, gateway: gateway, logger: logger)
        BillingJobs.register(on: runner, configuration: billing.configuration, gateway: gateway, logger: logger)
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
            try BillingJobs.schedule(on: connection)
        } catch {
            logger.warning("could not schedule periodic jobs yet", metadata: ["error": "\(error)"])
        }
    }

    /// Enqueues `kind` for the start of the next `seconds` bucket (or the current one with `now`).
    static func enqueuePeriodic(
        _ kind: String, every seconds: Int, on connection: PostgresConnection, now: Bool = false
    )
        throws
    {
        let current = Int(Date().timeIntervalSince1970)
        let bucket = current / seconds + (now ? 0 : 1)
        let delay = max(0, bucket * seconds - current)
        _ = try JobQueue().enqueue(
            NewJob(kind: kind, maxAttempts: 3, delay: .seconds(delay), dedupeKey: "\(kind):\(bucket)"), on: connection)
    }
}

/// What happens when a configurator order is paid: the fulfilment is recorded in the audit log, where
/// operations pick it up (provisioning itself is a human process for these services).
enum OrderFulfilment {
    static func fulfil(orderID: String, connection: PostgresConnection, logger: Logger) throws {
        let rows = try connection.query(
            "SELECT company_id::text AS company, status FROM orders WHERE id = \(orderID)::uuid")
        guard let row = rows.first else { throw JobsError.permanentFailure("order \(orderID) does not exist") }
        guard try row.string("status") == "PAID" else {
            throw JobsError.permanentFailure("order \(orderID) is not paid")
        }
        try AuditLog(connection: connection).append(
            AuditEntry(
                actor: nil, companyID: CompanyID(try row.string("company")), action: AuditAction("order.fulfil"),
                target: orderID, ip: nil, outcome: .success))
        logger.info("order fulfilment recorded", metadata: ["order.id": "\(orderID)"])
    }
}
