import Domain
import Foundation
import Logging
import Postgres
import Storage
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// The billing run against a real PostgreSQL: one close per subscription and period, usage priced against what
/// the plan includes, credits first, concurrent runs, the jobs batches.
@Suite(.serialized) struct BillingRunTests {
    static let day = 86_400
    static var logger: Logger {
        var logger = Logger(label: "codezero.test.billing")
        logger.logLevel = .critical
        return logger
    }

    /// A billing run in mock mode (the simulated gateway charges by payment method).
    static func billing(_ connection: PostgresConnection) throws -> BillingRun {
        try BillingRun.make(
            configuration: Configuration(publicURL: "https://shop.example"),
            gateway: { () throws(StripeError) in SimulatedGateway() }, connection: connection, logger: logger)
    }

    /// An ACTIVE subscription of `companyID` to `planID` whose current period started `daysAgo` days ago at 00:00 UTC.
    @discardableResult
    static func subscribe(
        _ connection: PostgresConnection, companyID: String, planID: String = "assistant_starter", daysAgo: Int = 40,
        addons: [SubscriptionRecord.Addon] = []
    ) throws -> (id: String, start: Int, end: Int) {
        let today = UsageDay(secondsSinceEpoch: Int(Date().timeIntervalSince1970))
        let start = today.advanced(by: -daysAgo).startSeconds
        let end = Int(BillingPeriod.end(ofPeriodStartingAt: Int64(start)))
        let id = UUID().uuidString.lowercased()
        let store = SubscriptionStore(connection: connection)
        _ = try store.create(
            NewSubscription(
                id: id, companyID: companyID, userID: nil, provider: "MOCK", planID: planID, addons: addons))
        try store.save(
            SubscriptionState(status: .active, planID: planID, periodStart: Int64(start), periodEnd: Int64(end)), id: id
        )
        return (id, start, end)
    }

    static func companyID(_ client: TestClient) -> String {
        client.send("GET", "/api/v1/me").json["company"]?["id"]?.stringValue ?? ""
    }

    static func iso(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    static func ingest(_ api: TestClient, _ events: [(String, String, Int)]) -> Response {
        api.send(
            "POST", "/api/v1/usage",
            json: [
                "events": .array(
                    events.map {
                        [
                            "id": .string($0.0), "metric": "assistant_minutes", "quantity": .string($0.1),
                            "occurred_at": .string(Self.iso($0.2)),
                        ]
                    })
            ])
    }

    /// Seed 004 §9.1 end to end: five calls of 300 s in the closed period, 1,000 minutes included at 5 ct →
    /// 25 minutes, overage subtotal 0; the next period's base fee is billed in advance.
    @Test func test_generates_invoice_with_correct_usage() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "seed004@example.com")
        let company = Self.companyID(session)
        let connection = harness.database.connect()
        let subscription = try Self.subscribe(connection, companyID: company)
        let calls = (1...5).map { ("call-\($0)", "5", subscription.start + $0 * 3_600) }  // 300 s = 5 minutes each
        #expect(Self.ingest(api, calls).json["accepted"] == 5)

        let report = try Self.billing(connection).run(
            asOf: Int(Date().timeIntervalSince1970), trigger: "command")
        #expect(report.closed == 1)
        #expect(report.failed == 0)
        let closes = try BillingRunStore(connection: connection).closes(subscriptionID: subscription.id)
        #expect(closes.count == 1)
        let close = try #require(closes.first)
        #expect(close.usageCents == 0)
        #expect(close.baseFeeCents == 49_000)
        #expect(close.nextPeriodStart == subscription.end)
        let lines = try JSON.parse(close.linesJSON).arrayValue ?? []
        let usage = lines.first { $0["kind"] == "usage" }
        #expect(usage?["used"] == "25")
        #expect(usage?["overage"] == "0")
        #expect(usage?["net_cents"] == 0)
        // One invoice: the next period's base fee in advance, no usage line (nothing beyond the included minutes).
        let invoiceID = try #require(close.invoiceID)
        let invoice = try #require(try InvoiceStore(connection: connection).invoice(id: invoiceID))
        #expect(invoice.netCents == 49_000)
        #expect(invoice.subscriptionID == subscription.id)
        let invoiceLines = try InvoiceStore(connection: connection).lines(invoiceID: invoiceID)
        #expect(invoiceLines.map(\.itemID) == ["assistant_starter"])
        // The subscription moved on; the period is closed for late usage; a second run closes nothing.
        let state = try SubscriptionStore(connection: connection).subscription(id: subscription.id, companyID: company)
        #expect(state?.state.periodStart == Int64(subscription.end))
        let late = Self.ingest(api, [("late", "1", subscription.end - 3_600)])
        #expect(late.status == .unprocessableContent)
        #expect(late.json["errors"]?[0]?["code"] == "closed_period")
        #expect(
            try Self.billing(connection).run(
                asOf: Int(Date().timeIntervalSince1970), trigger: "command"
            ).closed == 0)
    }

    @Test func overageIsBilledAfterCreditsAndOldCreditsExpire() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "overage@example.com")
        let company = Self.companyID(session)
        let connection = harness.database.connect()
        let subscription = try Self.subscribe(connection, companyID: company)
        // 3 fresh credits (90 minutes) and 4 granted 25 months ago (expired before this close).
        try connection.execute(
            """
            INSERT INTO credit_ledger (company_id, delta, reason, note, created_at) VALUES
                (\(company)::uuid, 4, 'adjustment', 'old', now() - interval '25 months'),
                (\(company)::uuid, 3, 'adjustment', 'fresh', now() - interval '1 day')
            """)
        #expect(Self.ingest(api, [("big", "1250", subscription.start + 7_200)]).json["accepted"] == 1)
        let report = try Self.billing(connection).run(
            asOf: Int(Date().timeIntervalSince1970), trigger: "command")
        #expect(report.closed == 1)
        let close = try #require(
            try BillingRunStore(connection: connection).closes(subscriptionID: subscription.id).first)
        #expect(close.creditsExpired == 4)
        #expect(close.creditsApplied == 3)
        #expect(close.usageCents == 800)  // (250 − 90) minutes × 5 ct
        #expect(try CreditLedger(connection: connection).balance(companyID: company) == 0)
        let overageInvoiceID = try #require(close.invoiceID)
        let invoice = try #require(try InvoiceStore(connection: connection).invoice(id: overageInvoiceID))
        #expect(invoice.netCents == 49_000 + 800)
        #expect(invoice.vatCents == 9_462)  // 19 % of 498.00 €, rounded once on the total
        let usageLine = try InvoiceStore(connection: connection).lines(invoiceID: invoice.id).last
        #expect(usageLine?.itemID == "assistant_minutes")
        #expect(usageLine?.lineNetCents == 800)
        let reasons = try connection.query(
            "SELECT reason, delta FROM credit_ledger WHERE company_id = \(company)::uuid AND delta < 0 ORDER BY reason")
        #expect(try reasons.map { "\(try $0.string("reason")):\(try $0.int("delta"))" } == ["expiry:-4", "usage:-3"])
    }

    @Test func addOnsAndCanceledSubscriptions() throws {
        let harness = try BillingHarness()
        let session = harness.buyer("addons@example.com")
        let company = Self.companyID(session)
        let connection = harness.database.connect()
        let subscription = try Self.subscribe(
            connection, companyID: company, addons: [.init(id: "extra_users", quantity: 2)])
        let ending = try Self.subscribe(connection, companyID: company, planID: "assistant_business")
        let store = SubscriptionStore(connection: connection)
        var state = try #require(try store.subscription(id: ending.id, companyID: company)).state
        state.cancelAtPeriodEnd = true
        try store.save(state, id: ending.id)
        let report = try Self.billing(connection).run(
            asOf: Int(Date().timeIntervalSince1970), trigger: "command")
        #expect(report.closed == 2)
        let runs = BillingRunStore(connection: connection)
        #expect(try runs.closes(subscriptionID: subscription.id).first?.baseFeeCents == 49_000 + 2 * 9_000)
        let final = try #require(try runs.closes(subscriptionID: ending.id).first)
        #expect(final.baseFeeCents == 0)
        #expect(final.nextPeriodStart == nil)
        #expect(final.invoiceID == nil)  // nothing beyond the included minutes: no invoice for the final period
        #expect(try store.subscription(id: ending.id, companyID: company)?.state.status == .canceled)
    }

    /// Item 1 of the follow-up: each period invoice is charged once by an off-session PaymentIntent (key
    /// `invoice-<id>-pi-v1`); a decline makes the subscription PAST_DUE and the billing run starts the retries
    /// 3 and 7 days later; a payment then makes it ACTIVE again and the invoice PAID. Reruns charge nothing more.
    @Test func periodInvoicesAreChargedOnceAndDeclinesAreDunned() throws {
        let harness = try BillingHarness()
        let session = harness.buyer("charged@example.com")
        let company = Self.companyID(session)
        let connection = harness.database.connect()
        let paying = try Self.subscribe(connection, companyID: company)
        let declining = try Self.subscribe(connection, companyID: company, planID: "assistant_business")
        _ = try StripeCustomerStore(connection: connection).record(customerID: "cus_test_charged", companyID: company)
        let store = SubscriptionStore(connection: connection)
        try store.setPaymentMethod("pm_card_visa", id: paying.id)
        try store.setPaymentMethod("pm_card_chargeDeclined", id: declining.id)
        let now = Int(Date().timeIntervalSince1970)

        let first = try Self.billing(connection).run(asOf: now, trigger: "command", retries: true)
        #expect(first.closed == 2)
        #expect(first.charged == 2)
        #expect(first.uncharged == 0)
        #expect(first.chargeErrors == 0)
        let invoices = InvoiceStore(connection: connection)
        let runs = BillingRunStore(connection: connection)
        let paidID = try #require(try runs.closes(subscriptionID: paying.id).first?.invoiceID)
        let dueID = try #require(try runs.closes(subscriptionID: declining.id).first?.invoiceID)
        #expect(try invoices.invoice(id: paidID)?.status == .paid)
        #expect(try invoices.invoice(id: dueID)?.status == .open)
        let payments = SubscriptionPaymentStore(connection: connection)
        let paid = try payments.payments(subscriptionID: paying.id)
        #expect(paid.map(\.status) == ["SUCCEEDED"])
        #expect(paid.first?.invoiceID == paidID)
        #expect(paid.first?.paymentIntentID?.hasPrefix("pi_sim_") == true)
        #expect(try store.subscription(id: paying.id, companyID: company)?.state.status == .active)
        var dunned = try #require(try store.subscription(id: declining.id, companyID: company)).state
        #expect(dunned.status == .pastDue)
        #expect(dunned.dunning?.invoiceID == dueID)
        #expect(dunned.dunning?.nextRetryAt == Int64(now + 3 * Self.day))
        #expect(try payments.payments(subscriptionID: declining.id).map(\.failureCode) == ["card_declined"])

        // The same run again (a duplicate run): nothing is charged twice, no retry is due yet.
        let again = try Self.billing(connection).run(asOf: now, trigger: "command", retries: true)
        #expect(again.closed == 0)
        #expect(again.charged == 0)
        #expect(again.retriesStarted == 0)
        #expect(try payments.payments(subscriptionID: declining.id).count == 1)

        // Day 3: the first retry (attempt 2) is declined too; day 7 with a working card: paid, ACTIVE again.
        let day3 = try Self.billing(connection).run(asOf: now + 3 * Self.day, trigger: "command", retries: true)
        #expect(day3.retriesStarted == 1)
        #expect(try payments.payments(subscriptionID: declining.id).map(\.attempt) == [1, 2])
        dunned = try #require(try store.subscription(id: declining.id, companyID: company)).state
        #expect(dunned.status == .pastDue)
        #expect(dunned.dunning?.nextRetryAt == Int64(now + 7 * Self.day))
        try store.setPaymentMethod("pm_card_visa", id: declining.id)
        let day7 = try Self.billing(connection).run(asOf: now + 7 * Self.day, trigger: "command", retries: true)
        #expect(day7.retriesStarted == 1)
        #expect(try payments.payments(subscriptionID: declining.id).map(\.status) == ["FAILED", "FAILED", "SUCCEEDED"])
        #expect(try invoices.invoice(id: dueID)?.status == .paid)
        dunned = try #require(try store.subscription(id: declining.id, companyID: company)).state
        #expect(dunned.status == .active)
        #expect(dunned.dunning == nil)
        let events = try store.events(subscriptionID: declining.id).map(\.event)
        #expect(
            events.filter { $0.hasPrefix("mail.") || $0.hasPrefix("payment.") || $0.hasPrefix("retry.") } == [
                "payment.failed", "mail.payment_failed", "retry.started", "payment.failed", "mail.payment_failed",
                "retry.started", "payment.succeeded", "mail.reactivated",
            ])
        #expect(try SubscriptionChargeQueue(connection: connection).count() == 0)
    }

    /// A run that died after closing a period but before charging its invoice leaves it queued; the next run
    /// charges it with the same idempotency key (so Stripe would replay the intent, not charge again).
    @Test func anInvoiceLeftUnchargedIsChargedByTheNextRun() throws {
        let harness = try BillingHarness()
        let session = harness.buyer("leftover@example.com")
        let company = Self.companyID(session)
        let connection = harness.database.connect()
        let subscription = try Self.subscribe(connection, companyID: company)
        _ = try StripeCustomerStore(connection: connection).record(customerID: "cus_test_leftover", companyID: company)
        try SubscriptionStore(connection: connection).setPaymentMethod("pm_card_visa", id: subscription.id)
        let now = Int(Date().timeIntervalSince1970)
        let close = try connection.transaction { transaction in
            try CloseSubscriptionPeriod.close(
                subscriptionID: subscription.id, asOf: now, runID: nil,
                invoicer: InvoiceSubscriptionPeriod(issuer: IssueInvoice(seller: .example, logger: Self.logger)),
                connection: transaction)
        }
        let invoiceID = try #require(close?.invoiceID)
        #expect(try SubscriptionChargeQueue(connection: connection).count() == 1)
        let report = try Self.billing(connection).run(asOf: now, trigger: "command")
        #expect(report.closed == 0)
        #expect(report.charged == 1)
        #expect(try InvoiceStore(connection: connection).invoice(id: invoiceID)?.status == .paid)
        let intent = try SimulatedGateway().createPaymentIntent(
            PaymentIntentRequest(
                amount: 1, currency: "eur", customer: "cus_test_leftover", paymentMethod: "pm_card_visa",
                description: nil, metadata: [:]),
            idempotencyKey: try IdempotencyKey("invoice-\(invoiceID)-pi-v1"))
        #expect(
            try SubscriptionPaymentStore(connection: connection).payments(subscriptionID: subscription.id).map(
                \.paymentIntentID) == [intent.id])
    }

    @Test func twoRunsAtOnceCloseEachPeriodOnce() throws {
        let harness = try BillingHarness()
        let session = harness.buyer("many@example.com")
        let company = Self.companyID(session)
        let connection = harness.database.connect()
        let ids = try (0..<60).map { _ in try Self.subscribe(connection, companyID: company).id }
        let now = Int(Date().timeIntervalSince1970)
        let url = harness.database.connectionString
        let reports = try TestThreads.run(count: 2) { _ in
            try Self.billing(PostgresConnection(url)).run(
                asOf: now, trigger: "command")
        }.map { try $0.get() }
        #expect(reports.map(\.closed).reduce(0, +) == 60)
        #expect(reports.map(\.failed) == [0, 0])
        let closes = try connection.query(
            "SELECT count(*)::bigint AS n, count(DISTINCT subscription_id)::bigint AS d FROM billing_period_closes")
        #expect(try closes[0].int("n") == 60)
        #expect(try closes[0].int("d") == 60)
        let invoices = try connection.query(
            "SELECT count(*)::bigint AS n, count(DISTINCT subscription_id)::bigint AS d FROM invoices")
        #expect(try invoices[0].int("n") == 60)
        #expect(try invoices[0].int("d") == 60)
        #expect(try BillingRunStore(connection: connection).backlog(asOf: now) == 0)
        // Without a payment method every first attempt fails — once per invoice, whichever run made it.
        #expect(reports.map(\.charged).reduce(0, +) == 60)
        let attempts = try connection.query(
            "SELECT count(*)::bigint AS n, count(DISTINCT invoice_id)::bigint AS d FROM subscription_payments")
        #expect(try attempts[0].int("n") == 60)
        #expect(try attempts[0].int("d") == 60)
        _ = ids
    }

    @Test func theJobsProcessClosesPeriodsInBatches() throws {
        let harness = try BillingHarness()
        let session = harness.buyer("jobs@example.com")
        let company = Self.companyID(session)
        let connection = harness.database.connect()
        for _ in 0..<(BillingJobs.batchSize + 20) { try Self.subscribe(connection, companyID: company) }
        try BillingJobs.schedule(on: connection)
        try harness.runJobs()
        let store = BillingRunStore(connection: connection)
        let errors = try connection.query(
            "SELECT state, coalesce(last_error, '') AS e FROM jobs WHERE kind = 'billing.close_periods'")
        let messages = try errors.map { try $0.string("state") + ":" + $0.string("e") }
        // The tick and its continuation batch are done (and the next minute's tick, if that minute began meanwhile).
        #expect(messages.filter { $0 == "done:" }.count >= 2, "\(messages)")
        #expect(messages.allSatisfy { $0 == "done:" || $0 == "queued:" }, "\(messages)")
        let metrics = try store.metrics(now: Int(Date().timeIntervalSince1970))
        #expect(metrics.periodsClosedTotal == BillingJobs.batchSize + 20)
        #expect(metrics.backlog == 0)
        #expect(metrics.openMetrics.contains("codezero_billing_periods_closed_total \(BillingJobs.batchSize + 20)\n"))
        #expect(metrics.openMetrics.contains("codezero_billing_backlog 0\n"))
    }
}
