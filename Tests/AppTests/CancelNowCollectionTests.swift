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

/// An admin ends a subscription immediately while its period invoice is unpaid (issue #11 item 4, the gaps of the
/// first cut), against the Stripe stand-in and its `payment_intent.*` events through the signed webhook:
/// what is left after the reduction is charged at once, and when that fails the invoice's own dunning goes on
/// (retries and mails) although the subscription is CANCELED; while a debit is in flight the cancellation is
/// refused with a clear 409 and writes nothing, so a payment can never race the reduction.
@Suite(.serialized) struct CancelNowCollectionTests {
    static let day: Int64 = 86_400

    /// A SEPA subscription started through the stand-in's setup webhook: ACTIVE, its first invoice OPEN and its
    /// first debit `processing`.
    static func sepaSubscription(
        _ harness: BillingHarness, _ standIn: StripeStandIn
    ) throws -> (subscription: String, invoice: String, buyer: TestClient) {
        let buyer = harness.buyer("anna@example.com")
        let (subscription, session) = try SubscriptionFlowTests.start(buyer)
        standIn.markSetUp(session, paymentMethod: "pm_sepa_debit")
        let completed = try #require(standIn.session(session))
        let delivered = harness.deliver(
            StripeEvent(
                id: "evt_setup_" + String(UInt64.random(in: 0...UInt64.max), radix: 36),
                type: StripeEventType.checkoutSessionCompleted.rawValue,
                created: WebhookSignature.currentTime(), apiVersion: StripeConfiguration.pinnedAPIVersion,
                object: completed))
        #expect(delivered.status == .ok, "\(delivered.json)")
        try harness.runJobs()
        let invoice = try #require(
            try SubscriptionFlowTests.query(
                harness, "SELECT id::text FROM invoices WHERE subscription_id = \(subscription)::uuid"
            ).first
        ).string("id")
        #expect(try SubscriptionFlowTests.payments(harness, subscription).map(\.status) == ["PROCESSING"])
        return (subscription, invoice, buyer)
    }

    /// The stand-in settles the debit `intent` and Stripe's event about it is delivered (signed).
    @discardableResult
    static func settle(
        _ harness: BillingHarness, _ standIn: StripeStandIn, intent: String, succeeded: Bool, eventID: String? = nil
    ) throws -> StripeEvent {
        standIn.settlePaymentIntent(intent, succeeded: succeeded)
        let object = try #require(standIn.object(intent))
        let event = StripeEvent(
            id: eventID ?? "evt_\(intent.replacingOccurrences(of: "_", with: ""))\(succeeded ? "ok" : "failed")",
            type: (succeeded ? StripeEventType.paymentIntentSucceeded : .paymentIntentPaymentFailed).rawValue,
            created: WebhookSignature.currentTime(), apiVersion: StripeConfiguration.pinnedAPIVersion, object: object)
        #expect(harness.deliver(event).status == .ok)
        try harness.runJobs()
        return event
    }

    static func admin(_ harness: BillingHarness) -> TestClient {
        TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "admin@codezero.example")
    }

    /// The PaymentIntents created at the stand-in, in order: idempotency key and amount.
    static func intents(_ standIn: StripeStandIn) -> [(key: String?, amount: Int)] {
        standIn.requests.filter { $0.path == "/v1/payment_intents" && $0.method == "POST" }.map {
            ($0.header("Idempotency-Key"), Int($0.form["amount"] ?? "") ?? 0)
        }
    }

    /// The PaymentIntent of attempt `attempt` of `subscription`'s charges.
    static func intent(_ harness: BillingHarness, _ subscription: String, attempt: Int) throws -> String {
        try #require(try SubscriptionFlowTests.payments(harness, subscription).first { $0.attempt == attempt }).intent
    }

    static func open(_ harness: BillingHarness, _ invoice: String) throws -> Int {
        try InvoiceStore(connection: harness.database.connect()).openCents(invoiceID: invoice)
    }

    @Test func whatIsLeftIsChargedAtOnceAndItsDunningGoesOnAfterTheEnd() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, invoice, buyer) = try Self.sepaSubscription(harness, standIn)
        let first = try #require(Self.intents(standIn).first)
        #expect(first.key == "invoice-\(invoice)-pi-v1" && first.amount == 58_310)
        try Self.settle(harness, standIn, intent: try Self.intent(harness, subscription, attempt: 1), succeeded: false)
        #expect(buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["status"] == "PAST_DUE")

        let ended = Self.admin(harness).send(
            "POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true])
        #expect(ended.status == .ok && ended.json["status"] == "CANCELED", "\(ended.json)")
        // The unused part reduced the invoice; what is left was charged at once, as the next attempt, by its key.
        let open = try Self.open(harness, invoice)
        #expect(open > 0 && open < 58_310)
        let second = try #require(Self.intents(standIn).dropFirst().first)
        #expect(second.key == "invoice-\(invoice)-pi-v2" && second.amount == open)
        #expect(Self.intents(standIn).count == 2)
        let detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["status"] == "CANCELED" && detail["dunning"]?["failed_attempts"] == 1, "\(detail)")

        // The debit fails: the dunning goes on with the next retry (7 days after the first failure) and a mail
        // that says the subscription has ended; no suspension. A duplicate of the event counts nothing.
        let failed = try Self.settle(
            harness, standIn, intent: try Self.intent(harness, subscription, attempt: 2), succeeded: false)
        harness.deliver(failed)
        try harness.runJobs()
        let after = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(after["status"] == "CANCELED" && after["dunning"]?["failed_attempts"] == 2, "\(after)")
        #expect(
            try SubscriptionFlowTests.mails(harness, subscription)
                == ["mail.payment_failed", "mail.canceled", "mail.payment_failed"])
        let notice = try #require(
            try SubscriptionFlowTests.query(
                harness,
                """
                SELECT template_values->'ended'->>'value' AS v FROM mail_outbox WHERE template = 'subscription-notice'
                  AND dedupe_key = \("subscription-notice:\(subscription):payment_failed:\(invoice):2")
                """
            ).first)
        #expect(try notice.optionalString("v") == "true")

        // Not due before its time; then attempt 3 charges the open amount again, and its success pays the invoice
        // with exactly that amount. The subscription stays CANCELED and its dunning ends.
        let firstFailure = try #require(
            try SubscriptionFlowTests.query(
                harness,
                """
                SELECT extract(epoch FROM dunning_first_failure_at)::bigint AS at FROM subscriptions
                WHERE id = \(subscription)::uuid
                """
            ).first
        ).int("at")
        #expect(
            try SubscriptionFlowTests.collect(harness, asOf: Int64(firstFailure) + 7 * Self.day - 60).retriesStarted
                == 0)
        #expect(
            try SubscriptionFlowTests.collect(harness, asOf: Int64(firstFailure) + 7 * Self.day).retriesStarted == 1)
        let third = try #require(Self.intents(standIn).dropFirst(2).first)
        #expect(third.key == "invoice-\(invoice)-pi-v3" && third.amount == open)
        let paid = try Self.settle(
            harness, standIn, intent: try Self.intent(harness, subscription, attempt: 3), succeeded: true)
        harness.deliver(paid)
        try harness.runJobs()
        let record = try #require(try InvoiceStore(connection: harness.database.connect()).invoice(id: invoice))
        #expect(record.status == .paid && record.paidCents == open)
        let final = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(final["status"] == "CANCELED" && final["dunning"] == .null, "\(final)")
        #expect(
            try SubscriptionFlowTests.collect(harness, asOf: Int64(firstFailure) + 30 * Self.day).retriesStarted == 0)
        #expect(Self.intents(standIn).count == 3)
        #expect(
            try SubscriptionFlowTests.query(
                harness,
                """
                SELECT count(*)::bigint AS n FROM subscription_payments
                WHERE invoice_id = \(invoice)::uuid AND status = 'SUCCEEDED'
                """)[0].int("n") == 1)
    }

    @Test func whenEveryRetryFailsTheLastMailSaysSoAndNothingIsChargedAgain() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, invoice, buyer) = try Self.sepaSubscription(harness, standIn)
        try Self.settle(harness, standIn, intent: try Self.intent(harness, subscription, attempt: 1), succeeded: false)
        #expect(
            Self.admin(harness).send(
                "POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true]
            ).status == .ok)
        let firstFailure = Int64(
            try SubscriptionFlowTests.query(
                harness,
                """
                SELECT extract(epoch FROM dunning_first_failure_at)::bigint AS at FROM subscriptions
                WHERE id = \(subscription)::uuid
                """)[0].int("at"))
        // Attempt 2 (at the cancellation), 3 (day 7) and 4 (day 14) fail; then nothing is left to try.
        for (attempt, due) in [(2, Int64(0)), (3, 7 * Self.day), (4, 14 * Self.day)] {
            if due > 0 { _ = try SubscriptionFlowTests.collect(harness, asOf: firstFailure + due) }
            #expect(Self.intents(standIn).last?.key == "invoice-\(invoice)-pi-v\(attempt)")
            try Self.settle(
                harness, standIn, intent: try Self.intent(harness, subscription, attempt: attempt), succeeded: false)
        }
        #expect(
            try SubscriptionFlowTests.mails(harness, subscription) == [
                "mail.payment_failed", "mail.canceled", "mail.payment_failed", "mail.payment_failed",
                "mail.collection_failed",
            ])
        #expect(try SubscriptionFlowTests.collect(harness, asOf: firstFailure + 60 * Self.day).retriesStarted == 0)
        #expect(Self.intents(standIn).count == 4)
        let detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["status"] == "CANCELED" && detail["dunning"]?["next_retry_at"] == .null)
        #expect(try InvoiceStore(connection: harness.database.connect()).invoice(id: invoice)?.status == .open)
    }

    @Test func aDebitInFlightRefusesTheCancellationUntilItSettles() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, invoice, buyer) = try Self.sepaSubscription(harness, standIn)
        let admin = Self.admin(harness)
        let events = try SubscriptionFlowTests.query(
            harness,
            "SELECT count(*)::bigint AS n FROM subscription_events WHERE subscription_id = \(subscription)::uuid"
        )[0].int("n")

        // In flight: a clear 409 problem, and nothing is written (no correction, no charge, no audit row).
        let refused = admin.send("POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true])
        #expect(refused.status == .conflict)
        #expect(refused.headers["Content-Type"] == "application/problem+json")
        #expect(refused.json["detail"]?.stringValue?.contains("payment") == true, "\(refused.json)")
        #expect(buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["status"] == "ACTIVE")
        #expect(try UnpaidCancellationTests.corrections(harness, of: invoice).isEmpty)
        #expect(Self.intents(standIn).count == 1)
        #expect(
            try SubscriptionFlowTests.query(
                harness,
                "SELECT count(*)::bigint AS n FROM subscription_events WHERE subscription_id = \(subscription)::uuid"
            )[0].int("n") == events)
        #expect(
            try SubscriptionFlowTests.query(
                harness, "SELECT count(*)::bigint AS n FROM audit_log WHERE action = 'subscription.cancel_now'"
            )[0].int("n") == 0)
        // Cancelling at the period end stays possible meanwhile (it credits nothing).
        #expect(admin.send("POST", "/api/v1/subscriptions/\(subscription)/cancel", json: [:]).status == .ok)

        // The debit succeeds (delivered twice, the second time after the cancellation): paid in full once; the
        // cancellation now takes the refund path, a job that refunds the unused part exactly once.
        let intent = try Self.intent(harness, subscription, attempt: 1)
        let paid = try Self.settle(harness, standIn, intent: intent, succeeded: true)
        let ended = admin.send("POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true])
        #expect(ended.status == .ok && ended.json["status"] == "CANCELED", "\(ended.json)")
        harness.deliver(paid)
        try harness.runJobs()
        let record = try #require(try InvoiceStore(connection: harness.database.connect()).invoice(id: invoice))
        #expect(record.status == .paid && record.paidCents == 58_310)
        let corrections = try UnpaidCancellationTests.corrections(harness, of: invoice)
        #expect(corrections.count == 1 && corrections.first?.status == "REFUNDED" && corrections.first?.key == nil)
        #expect(standIn.requests.filter { $0.path == "/v1/refunds" }.count == 1)
        #expect(Self.intents(standIn).count == 1)
    }

    @Test func aDebitThatFailsLetsTheCancellationReduceTheInvoice() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, invoice, _) = try Self.sepaSubscription(harness, standIn)
        let admin = Self.admin(harness)
        #expect(
            admin.send("POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true]).status
                == .conflict)
        // Its failure arrives (twice): the in-flight debit is over, the cancellation goes through and reduces.
        let failed = try Self.settle(
            harness, standIn, intent: try Self.intent(harness, subscription, attempt: 1), succeeded: false)
        harness.deliver(failed)
        try harness.runJobs()
        #expect(
            admin.send("POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true]).status
                == .ok)
        let corrections = try UnpaidCancellationTests.corrections(harness, of: invoice)
        #expect(corrections.count == 1 && corrections.first?.status == "SETTLED")
        #expect(try Self.open(harness, invoice) == 58_310 + (corrections.first?.gross ?? 0))
    }

    @Test func endedBeforeItsPeriodBeganTheInvoiceIsSettledAndItsDunningEnds() throws {
        let harness = try BillingHarness()
        let (subscription, invoice, buyer) = try UnpaidCancellationTests.pastDueSubscription(harness)
        let attempts = try SubscriptionFlowTests.payments(harness, subscription).count
        // Ended at a time before the period began: the whole invoice is unused, so the reduction takes it all,
        // the charge that would follow finds nothing owed, and the dunning ends (history 'invoice.settled').
        let start = Int64(
            try SubscriptionFlowTests.query(
                harness,
                """
                SELECT extract(epoch FROM current_period_start)::bigint AS at FROM subscriptions
                WHERE id = \(subscription)::uuid
                """)[0].int("at"))
        let connection = harness.database.connect()
        var logger = Logger(label: "test.cancel-now")
        logger.logLevel = .critical
        let shell = try SubscriptionServices.shell(
            configuration: harness.configuration, gateway: { () throws(StripeError) in SimulatedGateway() },
            connection: connection, logger: logger)
        let outcome = try connection.transaction { connection in
            try shell.apply(
                .cancelNow(at: start - 60), subscriptionID: subscription, now: start, connection: connection)
        }
        #expect(outcome?.refusal == nil && outcome?.subscription.state.status == .canceled)
        #expect(outcome?.subscription.state.dunning == nil)
        let record = try #require(try InvoiceStore(connection: connection).invoice(id: invoice))
        #expect(record.status == .settled && record.openCents == 0)
        #expect(try SubscriptionFlowTests.payments(harness, subscription).count == attempts)
        let events = try SubscriptionFlowTests.query(
            harness, "SELECT event FROM subscription_events WHERE subscription_id = \(subscription)::uuid ORDER BY id"
        ).map { try $0.string("event") }
        #expect(events.contains("invoice.settled"), "\(events)")
        #expect(buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["dunning"] == .null)
    }
}
