import Domain
import Foundation
import Postgres
import Storage
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// One dunning collects EVERY unpaid invoice of a subscription (issue #11 item 3): a PAST_DUE subscription whose
/// next period invoice fails too has both charged by each retry — one PaymentIntent per invoice and attempt, each
/// with its own `invoice-<id>-pi-v<n>` at the Stripe stand-in — stays PAST_DUE until the last one is paid, and an
/// immediate cancellation charges all of them at once. SEPA debits (`processing` until their signed event) let the
/// test decide every outcome; duplicate events count nothing.
@Suite(.serialized) struct SubscriptionOpenInvoicesDunningTests {
    typealias Charges = CancelNowCollectionTests

    /// Every attempt of the subscription's charges: invoice, attempt, status, PaymentIntent.
    static func attempts(
        _ harness: BillingHarness, _ subscription: String
    ) throws -> [(invoice: String, attempt: Int, status: String, intent: String)] {
        try SubscriptionFlowTests.query(
            harness,
            """
            SELECT invoice_id::text, attempt, status, payment_intent_id FROM subscription_payments
            WHERE subscription_id = \(subscription)::uuid ORDER BY created_at, id
            """
        ).map {
            (
                try $0.string("invoice_id"), try $0.int("attempt"), try $0.string("status"),
                try $0.string("payment_intent_id")
            )
        }
    }

    static func intent(
        _ harness: BillingHarness, _ subscription: String, invoice: String, attempt: Int
    ) throws -> String {
        try #require(try attempts(harness, subscription).first { $0.invoice == invoice && $0.attempt == attempt })
            .intent
    }

    static func status(_ harness: BillingHarness, _ invoice: String) throws -> String {
        try #require(
            try SubscriptionFlowTests.query(harness, "SELECT status FROM invoices WHERE id = \(invoice)::uuid").first
        ).string("status")
    }

    static func epoch(_ harness: BillingHarness, _ subscription: String, _ column: String) throws -> Int64 {
        Int64(
            try #require(
                try SubscriptionFlowTests.query(
                    harness,
                    """
                    SELECT extract(epoch FROM \(unescaped: column))::bigint AS at FROM subscriptions
                    WHERE id = \(subscription)::uuid
                    """
                ).first
            ).int("at"))
    }

    /// A SEPA subscription whose first debit failed (PAST_DUE, invoice A), then its period ended: the next period's
    /// invoice B is issued and debited (v1) and the first retry debits A (v2); both fail. Returns A, B and the
    /// period end (the clock of the test).
    static func twoFailedInvoices(
        _ harness: BillingHarness, _ standIn: StripeStandIn
    ) throws -> (subscription: String, first: String, second: String, buyer: TestClient, clock: Int64) {
        let (subscription, first, buyer) = try Charges.sepaSubscription(harness, standIn)
        try Charges.settle(
            harness, standIn, intent: try intent(harness, subscription, invoice: first, attempt: 1), succeeded: false)
        #expect(buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["status"] == "PAST_DUE")
        let periodEnd = try epoch(harness, subscription, "current_period_end")
        let collected = try SubscriptionFlowTests.collect(harness, asOf: periodEnd)
        #expect(collected.periodsClosed == 1 && collected.retriesStarted == 1)
        let second = try #require(
            try SubscriptionFlowTests.query(
                harness,
                """
                SELECT id::text FROM invoices WHERE subscription_id = \(subscription)::uuid AND id <> \(first)::uuid
                  AND corrects IS NULL
                """
            ).first
        ).string("id")
        #expect(
            try attempts(harness, subscription).map { "\($0.invoice == first ? "A" : "B")\($0.attempt)" }
                == ["A1", "B1", "A2"])
        // The retry's debit fails while B's first debit is still in flight: the round is not over yet.
        try Charges.settle(
            harness, standIn, intent: try intent(harness, subscription, invoice: first, attempt: 2), succeeded: false)
        var detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["dunning"]?["failed_attempts"] == 1 && detail["dunning"]?["next_retry_at"] == .null, "\(detail)")
        // B's first debit fails too: the round has failed, the next retry is scheduled, one mail lists both.
        let failed = try Charges.settle(
            harness, standIn, intent: try intent(harness, subscription, invoice: second, attempt: 1), succeeded: false)
        harness.deliver(failed)
        try harness.runJobs()
        detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["status"] == "PAST_DUE" && detail["dunning"]?["failed_attempts"] == 2, "\(detail)")
        #expect(detail["dunning"]?["next_retry_at"] != .null)
        return (subscription, first, second, buyer, periodEnd)
    }

    @Test func everyRetryChargesEveryOpenInvoiceAndOnlyTheLastPaymentReactivates() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, first, second, buyer, clock) = try Self.twoFailedInvoices(harness, standIn)
        #expect(
            try SubscriptionFlowTests.mails(harness, subscription)
                == ["mail.payment_failed", "mail.payment_failed"])
        let listed = try #require(
            try SubscriptionFlowTests.query(
                harness,
                """
                SELECT jsonb_array_length(template_values->'open_invoices'->'value') AS n,
                       template_values->'several_open'->>'value' AS several
                FROM mail_outbox WHERE template = 'subscription-notice'
                  AND dedupe_key = \("subscription-notice:\(subscription):payment_failed:\(first):2")
                """
            ).first)
        #expect(try listed.int("n") == 2 && listed.optionalString("several") == "true")
        let total = try #require(
            try SubscriptionFlowTests.query(
                harness,
                """
                SELECT (template_values->'total_open'->>'cents')::bigint AS cents FROM mail_outbox
                WHERE dedupe_key = \("subscription-notice:\(subscription):payment_failed:\(first):2")
                """
            ).first)
        #expect(try total.int("cents") == Charges.open(harness, first) + Charges.open(harness, second))

        // The next retry charges both, oldest first, each with its own next attempt and key.
        let before = Charges.intents(standIn).count
        #expect(try SubscriptionFlowTests.collect(harness, asOf: clock + 60).retriesStarted == 1)
        let round = Charges.intents(standIn).dropFirst(before).map(\.key)
        #expect(round == ["invoice-\(first)-pi-v3", "invoice-\(second)-pi-v2"])
        // A is paid, B fails: still PAST_DUE (B now leads the dunning), the round counted once.
        try Charges.settle(
            harness, standIn, intent: try Self.intent(harness, subscription, invoice: first, attempt: 3),
            succeeded: true)
        var detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["status"] == "PAST_DUE", "\(detail)")
        try Charges.settle(
            harness, standIn, intent: try Self.intent(harness, subscription, invoice: second, attempt: 2),
            succeeded: false)
        detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["status"] == "PAST_DUE" && detail["dunning"]?["failed_attempts"] == 3, "\(detail)")
        #expect(detail["dunning"]?["invoice_id"] == .string(second))
        #expect(try Self.status(harness, first) == "PAID" && Self.status(harness, second) == "OPEN")

        // The last retry charges only what is still owed: B, attempt 3; its payment makes the subscription ACTIVE.
        let firstFailure = try Self.epoch(harness, subscription, "dunning_first_failure_at")
        let count = Charges.intents(standIn).count
        #expect(
            try SubscriptionFlowTests.collect(harness, asOf: max(clock, firstFailure + 14 * 86_400)).retriesStarted == 1
        )
        #expect(Charges.intents(standIn).dropFirst(count).map(\.key) == ["invoice-\(second)-pi-v3"])
        let paid = try Charges.settle(
            harness, standIn, intent: try Self.intent(harness, subscription, invoice: second, attempt: 3),
            succeeded: true)
        harness.deliver(paid)
        try harness.runJobs()
        detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["status"] == "ACTIVE" && detail["dunning"] == .null, "\(detail)")
        #expect(try Self.status(harness, second) == "PAID")
        #expect(
            try SubscriptionFlowTests.mails(harness, subscription)
                == ["mail.payment_failed", "mail.payment_failed", "mail.payment_failed", "mail.reactivated"])
    }

    @Test func anImmediateCancellationCollectsEveryOpenInvoiceAtOnce() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, first, second, buyer, _) = try Self.twoFailedInvoices(harness, standIn)
        let before = Charges.intents(standIn).count
        let ended = Charges.admin(harness).send(
            "POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true])
        #expect(ended.status == .ok && ended.json["status"] == "CANCELED", "\(ended.json)")
        // Ended before B's period began: the reduction took all of B (SETTLED, no PaymentIntent); A is owed in
        // full and charged at once as its next attempt.
        let charged = Array(Charges.intents(standIn).dropFirst(before))
        #expect(charged.map(\.key) == ["invoice-\(first)-pi-v3"])
        #expect(try charged.first?.amount == 58_310 && Charges.open(harness, first) == 58_310)
        #expect(try Self.status(harness, second) == "SETTLED")
        // A's debit fails: the ended subscription's dunning goes on for it (no suspension); a duplicate counts once.
        let failed = try Charges.settle(
            harness, standIn, intent: try Self.intent(harness, subscription, invoice: first, attempt: 3),
            succeeded: false)
        harness.deliver(failed)
        try harness.runJobs()
        var detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["status"] == "CANCELED" && detail["dunning"]?["failed_attempts"] == 3, "\(detail)")
        #expect(detail["dunning"]?["invoice_id"] == .string(first))
        // Its next retry pays it: the dunning ends, the subscription stays CANCELED.
        let firstFailure = try Self.epoch(harness, subscription, "dunning_first_failure_at")
        #expect(try SubscriptionFlowTests.collect(harness, asOf: firstFailure + 14 * 86_400).retriesStarted == 1)
        try Charges.settle(
            harness, standIn, intent: try Self.intent(harness, subscription, invoice: first, attempt: 4),
            succeeded: true)
        detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["status"] == "CANCELED" && detail["dunning"] == .null, "\(detail)")
        #expect(try Self.status(harness, first) == "PAID")
    }
}
