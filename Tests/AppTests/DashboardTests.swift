import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// The back-office dashboard (issue 13 item 3): revenue from invoices through the maintained daily aggregate
/// (equal to the invoices' own sums), the page with its figures, SVG charts and the table of their numbers.
@Suite struct DashboardTests {
    @Test func revenueComesFromIssuedInvoicesThroughTheMaintainedAggregate() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        for _ in 0..<2 {
            let started = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
            let session = try #require(started.json["session_id"]?.stringValue)
            #expect(
                buyer.send("POST", "/api/v1/billing/checkout/complete", json: ["session_id": .string(session)]).status
                    == .ok)
        }
        try harness.runJobs()
        let connection = harness.database.connect()
        let figures = try DashboardStore(connection: connection).figures(now: Date())
        #expect(figures.today.net == 1398 && figures.today.vat == 266)
        #expect(figures.month == figures.today || figures.month.net >= figures.today.net)
        #expect(figures.year.net >= figures.month.net)
        #expect(figures.months.count == 12)
        #expect(figures.months.last?.revenue.net == figures.month.net)
        #expect(figures.mrr == 0, "credit packs are not recurring")
        #expect(figures.openInvoices.count == 0)
        #expect(figures.companies == 1)
        let direct = try connection.query(
            "SELECT coalesce(sum(net_cents), 0)::int8 AS net, coalesce(sum(vat_cents), 0)::int8 AS vat FROM invoices")[
                0]
        let aggregate = try connection.query(
            "SELECT sum(net_cents)::int8 AS net, sum(vat_cents)::int8 AS vat, sum(invoices)::int8 AS n FROM revenue_daily"
        )[0]
        #expect(try direct.int("net") == aggregate.int("net") && direct.int("vat") == aggregate.int("vat"))
        #expect(try aggregate.int("n") == 2)

        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin@codezero.example")
        let page = finance.send("GET", "/admin/de/")
        #expect(page.status == .ok)
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(html.contains("13,98\u{a0}€"), "today's net in German")
        #expect(html.contains("<svg") && html.contains("id=\"months\""), "charts with their numbers beside")
        #expect(html.contains("Testmodus"), "Stripe state (mock mode here)")
        #expect(page.headers["Cache-Control"] == "private, no-store")
        let english = String(decoding: finance.send("GET", "/admin/en/").body, as: UTF8.self)
        #expect(english.contains("€13.98") && english.contains("Net revenue of the last 12 months"))
        #expect(buyer.send("GET", "/admin/de/").status == .forbidden)
    }
}
