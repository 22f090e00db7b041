import Foundation
import Jobs
import Postgres
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// The ten tests of the seed sprint "U6: Checkout & Payments", by name, in mock mode.
@Suite struct CheckoutSeedTests {
    @Test("test_list_products_returns_available_products") func listProducts() throws {
        let harness = try BillingHarness()
        let response = TestClient(harness.application).send("GET", "/api/v1/billing/products")
        #expect(response.status == .ok)
        let ids = response.json["products"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
        #expect(ids == ["credits_1", "credits_5", "credits_10", "iza_pass"])
    }

    @Test("test_create_checkout_session_creates_purchase") func createCheckoutSession() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let response = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        #expect(response.status == .created)
        let purchase = try #require(response.json["purchase_id"]?.stringValue)
        #expect(response.json["session_id"]?.stringValue?.hasPrefix("cs_test_sim_") == true)
        #expect(
            response.json["checkout_url"]?.stringValue?.hasPrefix(
                "https://shop.example/de/checkout/success?session_id=cs_test_sim_")
                == true)
        // A German company pays net + 19 %: 699 + 133 = 832.
        #expect(response.json["amount_cents"] == .int(832))
        #expect(try harness.status(of: purchase) == "PENDING")
    }

    @Test("test_create_checkout_session_rejects_invalid_product") func rejectInvalidProduct() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let response = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_1000"])
        #expect(response.status.code == 422)
        #expect(response.json["errors"]?[0]?["field"] == .string("product_id"))
        #expect(try harness.database.connect().query("SELECT count(*)::bigint AS n FROM purchases")[0].int("n") == 0)
    }

    @Test("test_complete_checkout_credits_account") func completeCredits() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let started = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_10"])
        let session = try #require(started.json["session_id"]?.stringValue)
        let completed = buyer.send("POST", "/api/v1/billing/checkout/complete", json: ["session_id": .string(session)])
        #expect(completed.status == .ok)
        #expect(completed.json["status"] == .string("PAID"))
        #expect(buyer.send("GET", "/api/v1/billing/balance").json["credits"] == .int(10))
    }

    @Test("test_complete_checkout_idempotent") func completeIdempotent() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let started = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        let session = try #require(started.json["session_id"]?.stringValue)
        for _ in 0..<3 {
            #expect(
                buyer.send("POST", "/api/v1/billing/checkout/complete", json: ["session_id": .string(session)]).status
                    == .ok)
        }
        #expect(buyer.send("GET", "/api/v1/billing/balance").json["credits"] == .int(5))
        #expect(try harness.grants(of: try #require(started.json["purchase_id"]?.stringValue)) == 1)
    }

    @Test("test_complete_checkout_fails_for_nonexistent_session") func completeUnknownSession() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let response = buyer.send(
            "POST", "/api/v1/billing/checkout/complete", json: ["session_id": "cs_test_sim_000000000000000000000000"])
        #expect(response.status == .notFound)
        // Another company's real session is just as unknown.
        let other = harness.buyer("bob@example.com")
        let started = other.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        let session = try #require(started.json["session_id"]?.stringValue)
        #expect(
            buyer.send("POST", "/api/v1/billing/checkout/complete", json: ["session_id": .string(session)]).status
                == .notFound)
        #expect(other.send("GET", "/api/v1/billing/balance").json["credits"] == .int(0))
    }

    @Test("test_list_purchases_returns_user_purchases") func listPurchases() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com")
        let bob = harness.buyer("bob@example.com")
        let first = anna.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_1"])
        anna.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "iza_pass"])
        bob.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_10"])
        let list = anna.send("GET", "/api/v1/billing/purchases")
        #expect(list.json["purchases"]?.arrayValue?.count == 2)
        #expect(bob.send("GET", "/api/v1/billing/purchases").json["purchases"]?.arrayValue?.count == 1)
        let id = try #require(first.json["purchase_id"]?.stringValue)
        let receipt = anna.send("GET", "/api/v1/billing/purchases/\(id)")
        #expect(receipt.json["amount_cents"] == .int(149 + 28))
        #expect(receipt.json["net_cents"] == .int(149))
        #expect(bob.send("GET", "/api/v1/billing/purchases/\(id)").status == .notFound)
    }

    @Test("test_webhook_processes_checkout_completed") func webhookCompleted() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let started = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        let purchase = try #require(started.json["purchase_id"]?.stringValue)
        let session = try #require(started.json["session_id"]?.stringValue)
        let response = harness.deliver(
            harness.event(.checkoutSessionCompleted, session: session, purchase: purchase, amount: 832))
        #expect(response.status == .ok)
        #expect(try harness.status(of: purchase) == "PENDING")  // stored and queued; the jobs process applies it
        #expect(try harness.runJobs().completed >= 1)
        #expect(try harness.status(of: purchase) == "PAID")
        #expect(buyer.send("GET", "/api/v1/billing/balance").json["credits"] == .int(5))
    }

    @Test("test_webhook_idempotent") func webhookIdempotent() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let started = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        let purchase = try #require(started.json["purchase_id"]?.stringValue)
        let session = try #require(started.json["session_id"]?.stringValue)
        let event = harness.event(.checkoutSessionCompleted, session: session, purchase: purchase, amount: 832)
        #expect(harness.deliver(event).json["duplicate"] == .bool(false))
        #expect(harness.deliver(event).json["duplicate"] == .bool(true))
        try harness.runJobs()
        #expect(harness.deliver(event).status == .ok)
        try harness.runJobs()
        #expect(try harness.grants(of: purchase) == 1)
        #expect(buyer.send("GET", "/api/v1/billing/balance").json["credits"] == .int(5))
    }

    @Test("test_webhook_handles_unknown_event") func webhookUnknownEvent() throws {
        let harness = try BillingHarness()
        let event = StripeEvent(
            id: "evt_unknown_1", type: "customer.created", created: WebhookSignature.currentTime(),
            object: ["id": "cus_1", "object": "customer"])
        #expect(harness.deliver(event).status == .ok)
        // Stored, then settled by the jobs process when it takes it: processed as ignored, without a job to run.
        let report = try harness.runJobs()
        #expect(report.fed == 1 && report.ran == 0)
        let outcome = try harness.database.connect().query(
            "SELECT outcome FROM stripe_events WHERE id = 'evt_unknown_1'")[0].string("outcome")
        #expect(outcome.hasPrefix("ignored"))
    }
}
