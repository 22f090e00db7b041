import Foundation
import Postgres
import Storage
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// Refunds become Rechnungskorrekturen: finance-initiated (mock mode simulates Stripe) and from Stripe's events.
@Suite struct InvoiceRefundTests {
    static func finance(_ harness: BillingHarness) -> TestClient {
        TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "finance@codezero.example")
    }

    static func corrections(_ harness: BillingHarness) throws -> Int {
        try harness.database.connect().query("SELECT count(*)::bigint AS n FROM invoices WHERE kind = 'correction'")[0]
            .int("n")
    }

    @Test func financeRefundsPartlyThenTheRestAndNeverMore() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let invoice = try InvoiceRoutesTests.paidInvoice(anna)
        let finance = Self.finance(harness)
        let partial = finance.send(
            "POST", "/api/v1/finance/invoices/\(invoice)/refund", json: ["amount_cents": 300, "reason": "Kulanz"])
        #expect(partial.status == .created, "\(partial.json)")
        #expect(partial.json["refund_status"] == .string("succeeded"))
        let first = try #require(partial.json["correction"])
        #expect(first["number"]?.stringValue?.hasPrefix("CZ-K-") == true && first["kind"] == .string("correction"))
        #expect(first["gross_cents"] == .int(-300) && first["corrects"] == .string(invoice))
        #expect(first["status"] == .string("REFUNDED") && first["reason"] == .string("Kulanz"))
        // More than is left: 422, nothing written.
        let tooMuch = finance.send(
            "POST", "/api/v1/finance/invoices/\(invoice)/refund", json: ["amount_cents": 533, "reason": "zu viel"])
        #expect(tooMuch.status == .unprocessableContent)
        #expect(tooMuch.json["errors"]?.arrayValue?.first?["field"] == .string("amount_cents"))
        #expect(try Self.corrections(harness) == 1)
        // The rest (no amount), then nothing is left.
        let rest = finance.send("POST", "/api/v1/finance/invoices/\(invoice)/refund", json: ["reason": "Storno"])
        #expect(rest.status == .created && rest.json["correction"]?["gross_cents"] == .int(-532))
        #expect(
            finance.send("POST", "/api/v1/finance/invoices/\(invoice)/refund", json: ["reason": "nochmal"]).status
                == .unprocessableContent)
        #expect(try Self.corrections(harness) == 2)
        // The buyer sees invoice and corrections; the correction cannot be refunded itself.
        let listed = anna.send("GET", "/api/v1/invoices").json["invoices"]?.arrayValue ?? []
        #expect(listed.count == 3)
        let correction = try #require(first["id"]?.stringValue)
        #expect(
            finance.send("POST", "/api/v1/finance/invoices/\(correction)/refund", json: ["reason": "x"]).status
                == .conflict)
    }

    @Test func badRefundRequestsAreClear4xxAndWriteNothing() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let invoice = try InvoiceRoutesTests.paidInvoice(anna)
        let unpaid = try #require(
            anna.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_1"]).json[
                "purchase_id"]?.stringValue)
        let finance = Self.finance(harness)
        let unknown = "00000000-0000-4000-8000-000000000000"
        let cases: [(String, JSON, HTTPStatus)] = [
            ("/api/v1/finance/invoices/\(unknown)/refund", ["reason": "x"], .notFound),
            ("/api/v1/finance/purchases/\(unknown)/refund", ["reason": "x"], .notFound),
            ("/api/v1/finance/purchases/\(unpaid)/refund", ["reason": "x"], .conflict),
            ("/api/v1/finance/invoices/\(invoice)/refund", ["amount_cents": 0, "reason": "x"], .unprocessableContent),
            (
                "/api/v1/finance/invoices/\(invoice)/refund", ["amount_cents": "12", "reason": "x"],
                .unprocessableContent
            ),
            ("/api/v1/finance/invoices/\(invoice)/refund", ["amount_cents": 100], .unprocessableContent),
            (
                "/api/v1/finance/invoices/\(invoice)/refund", ["amount_cents": 833, "reason": "x"],
                .unprocessableContent
            ),
        ]
        for (path, body, status) in cases {
            let response = finance.send("POST", path, json: body)
            #expect(response.status == status, "\(path) \(body): \(response.status) \(response.json)")
            #expect(response.headers["Content-Type"]?.hasPrefix("application/problem+json") == true)
        }
        #expect(
            anna.send("POST", "/api/v1/finance/invoices/\(invoice)/refund", json: ["reason": "x"]).status == .forbidden)
        #expect(try Self.corrections(harness) == 0)
        // By purchase: the purchase's invoice is refunded.
        let purchase = try #require(
            anna.send("GET", "/api/v1/invoices/\(invoice)").json["purchase_id"]?.stringValue)
        let refunded = finance.send("POST", "/api/v1/finance/purchases/\(purchase)/refund", json: ["reason": "Storno"])
        #expect(refunded.status == .created && refunded.json["correction"]?["gross_cents"] == .int(-832))
    }

    @Test func aStripeRefundEventIsCorrectedOncePerRefundID() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let started = anna.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        let purchase = try #require(started.json["purchase_id"]?.stringValue)
        let session = try #require(started.json["session_id"]?.stringValue)
        let created = WebhookSignature.currentTime()
        var checkout = CheckoutSession(
            id: session, status: .complete, paymentStatus: .paid, clientReferenceID: purchase, amountTotal: 832,
            currency: "eur", expiresAt: created + 3600, created: created)
        checkout.paymentIntentID = "pi_test_invoice_refund"
        harness.deliver(
            WebhookTrigger.sampleEvent(
                .checkoutSessionCompleted, session: checkout, eventID: "evt_paid", created: created))
        try harness.runJobs()
        func refundEvent(_ id: String, type: String, refund: String, status: String, amount: Int) -> StripeEvent {
            StripeEvent(
                id: id, type: type, created: created,
                object: [
                    "id": .string(refund), "object": "refund", "amount": .int(Int64(amount)), "currency": "eur",
                    "payment_intent": "pi_test_invoice_refund", "status": .string(status),
                ])
        }
        harness.deliver(refundEvent("evt_r1", type: "refund.created", refund: "re_1", status: "pending", amount: 200))
        try harness.runJobs()
        #expect(try Self.corrections(harness) == 0)
        harness.deliver(refundEvent("evt_r2", type: "refund.updated", refund: "re_1", status: "succeeded", amount: 200))
        harness.deliver(refundEvent("evt_r3", type: "refund.updated", refund: "re_1", status: "succeeded", amount: 200))
        harness.deliver(refundEvent("evt_r4", type: "refund.created", refund: "re_2", status: "succeeded", amount: 100))
        try harness.runJobs()
        let rows = try harness.database.connect().query(
            "SELECT refund_id, gross_cents FROM invoices WHERE kind = 'correction' ORDER BY refund_id")
        #expect(try rows.map { try $0.string("refund_id") } == ["re_1", "re_2"])
        #expect(try rows.map { try $0.int("gross_cents") } == [-200, -100])
    }
}
