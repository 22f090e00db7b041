import Domain
import Foundation
import Logging
import Postgres
import Storage
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

    static var invoicer: InvoiceSubscriptionPeriod {
        InvoiceSubscriptionPeriod(issuer: IssueInvoice(seller: .example, logger: logger))
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

        let report = try BillingRun(connection: connection, invoicer: Self.invoicer, logger: Self.logger).run(
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
            try BillingRun(connection: connection, invoicer: Self.invoicer, logger: Self.logger).run(
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
        let report = try BillingRun(connection: connection, invoicer: Self.invoicer, logger: Self.logger).run(
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
        let report = try BillingRun(connection: connection, invoicer: Self.invoicer, logger: Self.logger).run(
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

    @Test func twoRunsAtOnceCloseEachPeriodOnce() throws {
        let harness = try BillingHarness()
        let session = harness.buyer("many@example.com")
        let company = Self.companyID(session)
        let connection = harness.database.connect()
        let ids = try (0..<60).map { _ in try Self.subscribe(connection, companyID: company).id }
        let now = Int(Date().timeIntervalSince1970)
        let url = harness.database.connectionString
        let reports = try TestThreads.run(count: 2) { _ in
            try BillingRun(connection: PostgresConnection(url), invoicer: Self.invoicer, logger: Self.logger).run(
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
