import Foundation
import Jobs
import Postgres
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// Event handling beyond the seed: out-of-order and repeated events, refunds, amount mismatches, bad signatures.
@Suite struct StripeEventTests {
    func started(_ harness: BillingHarness, _ buyer: TestClient) throws -> (purchase: String, session: String) {
        let response = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        return (
            try #require(response.json["purchase_id"]?.stringValue),
            try #require(response.json["session_id"]?.stringValue)
        )
    }

    @Test func outOfOrderEventsEndInTheRightStateAndGrantOnce() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let (purchase, session) = try started(harness, buyer)
        // The asynchronous success arrives before the "completed, unpaid" event, then a late expiry.
        #expect(
            harness.deliver(
                harness.event(.checkoutSessionAsyncPaymentSucceeded, session: session, purchase: purchase, amount: 832)
            ).status == .ok)
        #expect(
            harness.deliver(
                harness.event(
                    .checkoutSessionCompleted, session: session, purchase: purchase, amount: 832,
                    paymentStatus: "unpaid")
            ).status == .ok)
        #expect(
            harness.deliver(harness.event(.checkoutSessionExpired, session: session, purchase: purchase, amount: nil))
                .status == .ok)
        try harness.runJobs()
        #expect(try harness.status(of: purchase) == "PAID")
        #expect(try harness.grants(of: purchase) == 1)
    }

    /// An event of a type nothing acts on is settled when the jobs process takes it: processed with the processor's
    /// outcome, no job; an event of a handled type in the same round still gets its job and is processed by it.
    @Test func eventsOfTypesNothingActsOnAreSettledWithoutAJob() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let (purchase, session) = try started(harness, buyer)
        let ignored = StripeEvent(
            id: "evt_ignored_type", type: "customer.created", created: WebhookSignature.currentTime(),
            object: ["id": "cus_1", "object": "customer"])
        #expect(harness.deliver(ignored).status == .ok)
        #expect(
            harness.deliver(harness.event(.checkoutSessionCompleted, session: session, purchase: purchase, amount: 832))
                .status == .ok)
        let report = try harness.runJobs()
        #expect(report.fed == 2)
        #expect(try harness.status(of: purchase) == "PAID")
        let connection = harness.database.connect()
        let row = try connection.query(
            "SELECT outcome, processed_at IS NOT NULL AS processed FROM stripe_events WHERE id = 'evt_ignored_type'")[0]
        #expect(try row.bool("processed"))
        #expect(try row.string("outcome") == "ignored: customer.created is not handled")
        #expect(
            try connection.query("SELECT count(*)::bigint FROM jobs WHERE dedupe_key = 'stripe:evt_ignored_type'")[0]
                .int(0) == 0)
    }

    @Test func anExpiredSessionFailsAPendingPurchase() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let (purchase, session) = try started(harness, buyer)
        harness.deliver(harness.event(.checkoutSessionExpired, session: session, purchase: purchase, amount: nil))
        try harness.runJobs()
        #expect(try harness.status(of: purchase) == "FAILED")
        #expect(try harness.grants(of: purchase) == 0)
    }

    @Test func aPaidEventWithAnotherAmountGrantsNothing() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let (purchase, session) = try started(harness, buyer)
        harness.deliver(harness.event(.checkoutSessionCompleted, session: session, purchase: purchase, amount: 699))
        try harness.runJobs()
        #expect(try harness.status(of: purchase) == "PENDING")
        #expect(try harness.grants(of: purchase) == 0)
    }

    @Test func aFullRefundTakesTheCreditsBack() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let (purchase, session) = try started(harness, buyer)
        let created = WebhookSignature.currentTime()
        var checkout = CheckoutSession(
            id: session, status: .complete, paymentStatus: .paid, clientReferenceID: purchase, amountTotal: 832,
            currency: "eur", expiresAt: created + 3600, created: created)
        checkout.paymentIntentID = "pi_test_refund_1"
        harness.deliver(
            WebhookTrigger.sampleEvent(
                .checkoutSessionCompleted, session: checkout, eventID: "evt_paid_1", created: created))
        try harness.runJobs()
        #expect(buyer.send("GET", "/api/v1/billing/balance").json["credits"] == .int(5))
        let refund = StripeEvent(
            id: "evt_refund_1", type: "charge.refunded", created: created,
            object: [
                "id": "ch_1", "object": "charge", "amount": 832, "amount_refunded": 832, "refunded": true,
                "payment_intent": "pi_test_refund_1", "currency": "eur",
            ])
        #expect(harness.deliver(refund).status == .ok)
        #expect(harness.deliver(refund).json["duplicate"] == .bool(true))
        try harness.runJobs()
        #expect(try harness.status(of: purchase) == "REFUNDED")
        #expect(buyer.send("GET", "/api/v1/billing/balance").json["credits"] == .int(0))
    }

    @Test(arguments: ["wrong-secret", "stale", "missing"])
    func badSignaturesAre400AndStoreNothing(kind: String) throws {
        let harness = try BillingHarness()
        let event = harness.event(.checkoutSessionCompleted, session: "cs_test_x", purchase: nil, amount: 1)
        let response: Response
        switch kind {
        case "wrong-secret": response = harness.deliver(event, secret: "whsec_not_ours")
        case "stale": response = harness.deliver(event, timestamp: WebhookSignature.currentTime() - 301)
        default:
            let body = event.json.serialized()
            response =
                harness.application.respond(
                    parameters: TestApplication.parameters(
                        "POST", "/api/v1/billing/webhook", contentType: "application/json", contentLength: body.count),
                    body: body, bodyTooLarge: false
                ).response
        }
        #expect(response.status == .badRequest)
        #expect(
            try harness.database.connect().query("SELECT count(*)::bigint AS n FROM stripe_events")[0].int("n") == 0)
    }

    @Test func theSuccessPageAndTheWebhookRacingGrantOnce() throws {
        let harness = try BillingHarness(stripe: true)
        let buyer = harness.buyer("anna@example.com")
        let (purchase, session) = try started(harness, buyer)
        #expect(!SimulatedGateway.isSimulated(session))
        harness.standIn?.markPaid(session)
        // The buyer lands on the success page before the webhook is processed: the page asks the stand-in.
        let page = buyer.send("GET", "/de/checkout/success?session_id=\(session)")
        #expect(page.status == .ok)
        #expect(String(decoding: page.body, as: UTF8.self).contains("data-balance>5<"))
        // Then the webhook arrives and changes nothing.
        harness.deliver(harness.event(.checkoutSessionCompleted, session: session, purchase: purchase, amount: 832))
        try harness.runJobs()
        #expect(try harness.grants(of: purchase) == 1)
        #expect(try harness.status(of: purchase) == "PAID")
    }

    @Test func aFailingStripeIsAQuick503AndLeavesNoPendingPurchase() throws {
        let harness = try BillingHarness(stripe: true)
        let buyer = harness.buyer("anna@example.com")
        harness.standIn?.failNext(10, with: .status(500, shouldRetry: true))
        let start = Date()
        let response = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(Date().timeIntervalSince(start) < 20)
        let pending = try harness.database.connect().query(
            "SELECT count(*)::bigint AS n FROM purchases WHERE status = 'PENDING'")[0].int("n")
        #expect(pending == 0)
    }
}
