import Foundation
import Postgres
import Storage
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// Wherever open money is shown, a reduced invoice counts with its open amount (gross less the SETTLED corrections
/// that reduced it), never its full gross: the back-office dashboard, the invoices API (list and detail, also for
/// finance), the portal's invoices page and subscription page, and the dunning mail that states the amount due.
@Suite(.serialized) struct ReducedInvoiceOpenAmountTests {
    /// `12345` → `123,45 €` / `€123.45` (amounts below 1,000 €).
    static func text(_ cents: Int, german: Bool) -> String {
        let fraction = cents % 100 < 10 ? "0\(cents % 100)" : "\(cents % 100)"
        return german ? "\(cents / 100),\(fraction)\u{a0}€" : "€\(cents / 100).\(fraction)"
    }

    @Test func aReducedInvoiceCountsWithItsOpenAmountEverywhere() throws {
        let harness = try BillingHarness()
        let (subscription, invoice, buyer) = try UnpaidCancellationTests.pastDueSubscription(harness)
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "admin@codezero.example")
        #expect(
            admin.send("POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true]).status
                == .ok)
        let connection = harness.database.connect()
        let open = try InvoiceStore(connection: connection).openCents(invoiceID: invoice)
        #expect(open > 0 && open < 58_310)
        let correction = try #require(try UnpaidCancellationTests.corrections(harness, of: invoice).first)

        // The dashboard: one open invoice of `open`, overdue with that amount once its due date has passed.
        let figures = try DashboardStore(connection: connection).figures(now: Date())
        #expect(figures.openInvoices.count == 1 && figures.openInvoices.cents == Int64(open))
        let later = try DashboardStore(connection: connection).figures(now: Date().addingTimeInterval(60 * 86_400))
        #expect(later.overdueInvoices.count == 1 && later.overdueInvoices.cents == Int64(open))
        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin@codezero.example")
        let dashboard = String(decoding: finance.send("GET", "/admin/de/").body, as: UTF8.self)
        #expect(dashboard.contains(Self.text(open, german: true)) && !dashboard.contains("583,10\u{a0}€"))

        // The API: open_cents on the list and the detail, for the buyer and for finance; a correction owes nothing.
        let listed = buyer.send("GET", "/api/v1/invoices").json["invoices"]?.arrayValue ?? []
        #expect(listed.first { $0["id"]?.stringValue == invoice }?["open_cents"] == JSON(open))
        #expect(listed.first { $0["id"]?.stringValue == correction.id }?["open_cents"] == 0)
        let detail = buyer.send("GET", "/api/v1/invoices/\(invoice)").json
        #expect(detail["open_cents"] == JSON(open) && detail["gross_cents"] == 58_310, "\(detail)")
        let company = try #require(
            try SubscriptionFlowTests.query(
                harness, "SELECT company_id::text FROM invoices WHERE id = \(invoice)::uuid")[0].optionalString(
                    "company_id"))
        let financeList = finance.send("GET", "/api/v1/invoices?company_id=\(company)").json["invoices"]?.arrayValue
        #expect(financeList?.first { $0["id"]?.stringValue == invoice }?["open_cents"] == JSON(open))

        // The portal: the invoices page and the subscription page show what is still owed next to the gross.
        for (path, german) in [("/de/portal/rechnungen", true), ("/en/portal/invoices", false)] {
            let html = String(decoding: buyer.send("GET", path).body, as: UTF8.self)
            #expect(html.contains(german ? "Offener Betrag" : "Amount due"))
            #expect(
                html.contains(
                    "<td class=\"num\">\(Self.text(58_310, german: german))</td>"
                        + "<td class=\"num\">\(Self.text(open, german: german))</td>"), "\(html)")
        }
        let panel = String(decoding: buyer.send("GET", "/de/konto/abonnements").body, as: UTF8.self)
        #expect(panel.contains("<td class=\"num\">\(Self.text(open, german: true))</td>"), "\(panel)")

        // The mail after the remainder's charge failed states the amount due: the open amount.
        let second = try #require(
            try SubscriptionFlowTests.payments(harness, subscription).first { $0.attempt == 2 }?.intent)
        harness.deliver(
            SubscriptionFlowTests.intentEvent(
                .paymentIntentPaymentFailed, intent: second, amount: open, subscription: subscription,
                invoice: invoice, attempt: 2))
        try harness.runJobs()
        let amount = try #require(
            try SubscriptionFlowTests.query(
                harness,
                """
                SELECT (template_values->'amount'->>'cents')::bigint AS cents FROM mail_outbox
                WHERE dedupe_key = \("subscription-notice:\(subscription):payment_failed:\(invoice):2")
                """
            ).first)
        #expect(try amount.optionalInt("cents") == open)
    }
}
