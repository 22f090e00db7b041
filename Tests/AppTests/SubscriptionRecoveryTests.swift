import Domain
import Foundation
import Postgres
import Storage
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// A payment that arrives later → ACTIVE (issue #11 item 3, item 4): a PAST_DUE or SUSPENDED customer saves a new
/// payment method (`POST /api/v1/subscriptions/{id}/payment-method`, a setup-mode Checkout at the Stripe stand-in,
/// completed by its signed `checkout.session.completed`), and every owed invoice is charged with it at once — its
/// next attempt `invoice-<id>-pi-v<n>`. Paid → ACTIVE; declined → the state stays (PAST_DUE keeps its schedule,
/// SUSPENDED stays SUSPENDED) with a mail. A repeated completion charges nothing twice.
@Suite(.serialized) struct SubscriptionRecoveryTests {
    typealias Charges = CancelNowCollectionTests
    static let day: Int64 = 86_400

    /// The buyer asks for a new payment method; the stand-in saves `method` and the completion is delivered
    /// (signed). Returns the completed session's event so a test can deliver it again.
    @discardableResult
    static func updateMethod(
        _ harness: BillingHarness, _ standIn: StripeStandIn, _ buyer: TestClient, subscription: String,
        method: String
    ) throws -> StripeEvent {
        let started = buyer.send("POST", "/api/v1/subscriptions/\(subscription)/payment-method")
        #expect(started.status == .created, "\(started.json)")
        let session = try #require(started.json["session_id"]?.stringValue)
        standIn.markSetUp(session, paymentMethod: method)
        let event = StripeEvent(
            id: "evt_setup_" + String(UInt64.random(in: 0...UInt64.max), radix: 36),
            type: StripeEventType.checkoutSessionCompleted.rawValue,
            created: WebhookSignature.currentTime(), apiVersion: StripeConfiguration.pinnedAPIVersion,
            object: try #require(standIn.session(session)))
        let delivered = harness.deliver(event)
        #expect(delivered.status == .ok, "\(delivered.json)")
        try harness.runJobs()
        return event
    }

    /// The same completion again, as a different event (Stripe's redelivery or the success page's check).
    static func redeliver(_ harness: BillingHarness, _ event: StripeEvent) throws {
        var again = event
        again.id = event.id + "x"
        #expect(harness.deliver(again).status == .ok)
        try harness.runJobs()
    }

    static func detail(_ buyer: TestClient, _ subscription: String) -> JSON {
        buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
    }

    static func firstFailure(_ harness: BillingHarness, _ subscription: String) throws -> Int64 {
        try SubscriptionOpenInvoicesDunningTests.epoch(harness, subscription, "dunning_first_failure_at")
    }

    /// A SEPA subscription whose first debit and every retry failed: SUSPENDED.
    static func suspended(
        _ harness: BillingHarness, _ standIn: StripeStandIn
    ) throws -> (subscription: String, invoice: String, buyer: TestClient) {
        let (subscription, invoice, buyer) = try Charges.sepaSubscription(harness, standIn)
        try Charges.settle(
            harness, standIn, intent: try Charges.intent(harness, subscription, attempt: 1), succeeded: false)
        let first = try firstFailure(harness, subscription)
        for (attempt, due) in [(2, 3 * day), (3, 7 * day), (4, 14 * day)] {
            #expect(try SubscriptionFlowTests.collect(harness, asOf: first + due).retriesStarted == 1)
            try Charges.settle(
                harness, standIn, intent: try Charges.intent(harness, subscription, attempt: attempt), succeeded: false)
        }
        #expect(detail(buyer, subscription)["status"] == "SUSPENDED")
        return (subscription, invoice, buyer)
    }

    @Test func aSuspendedSubscriptionIsChargedWithTheNewMethodAndActiveAgainWhenPaid() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, invoice, buyer) = try Self.suspended(harness, standIn)
        let before = Charges.intents(standIn).count

        // A declined card: charged once at once (attempt 5), still SUSPENDED, the customer is told.
        let declined = try Self.updateMethod(
            harness, standIn, buyer, subscription: subscription, method: "pm_card_chargeDeclined")
        #expect(Charges.intents(standIn).dropFirst(before).map(\.key) == ["invoice-\(invoice)-pi-v5"])
        var detail = Self.detail(buyer, subscription)
        #expect(detail["status"] == "SUSPENDED" && detail["dunning"]?["failed_attempts"] == 4, "\(detail)")
        #expect(detail["dunning"]?["next_retry_at"] == .null)
        #expect(try SubscriptionFlowTests.mails(harness, subscription).last == "mail.recovery_failed")
        // Its completion again: nothing charged twice, no second mail.
        try Self.redeliver(harness, declined)
        #expect(Charges.intents(standIn).count == before + 1)
        #expect(
            try SubscriptionFlowTests.mails(harness, subscription).filter { $0 == "mail.recovery_failed" }.count == 1)
        // No retry is left: the clock moving on charges nothing.
        let first = try Self.firstFailure(harness, subscription)
        #expect(try SubscriptionFlowTests.collect(harness, asOf: first + 20 * Self.day).retriesStarted == 0)

        // A working card: charged at once (attempt 6) → PAID, ACTIVE, mailed.
        let paid = try Self.updateMethod(harness, standIn, buyer, subscription: subscription, method: "pm_card_visa")
        #expect(Charges.intents(standIn).dropFirst(before + 1).map(\.key) == ["invoice-\(invoice)-pi-v6"])
        detail = Self.detail(buyer, subscription)
        #expect(detail["status"] == "ACTIVE" && detail["dunning"] == .null, "\(detail)")
        #expect(try SubscriptionOpenInvoicesDunningTests.status(harness, invoice) == "PAID")
        #expect(
            try SubscriptionFlowTests.mails(harness, subscription) == [
                "mail.payment_failed", "mail.payment_failed", "mail.payment_failed", "mail.suspended",
                "mail.recovery_failed", "mail.reactivated",
            ])
        try Self.redeliver(harness, paid)
        #expect(Charges.intents(standIn).count == before + 2)
        // Billing resumes: the period that ended while it was suspended is closed and the next one invoiced.
        let periodEnd = try SubscriptionOpenInvoicesDunningTests.epoch(harness, subscription, "current_period_end")
        #expect(try SubscriptionFlowTests.collect(harness, asOf: periodEnd + 60).periodsClosed >= 1)
        #expect(Charges.intents(standIn).count == before + 3)
    }

    @Test func aPastDueSubscriptionKeepsItsScheduleWhenTheNewMethodFailsAndIsActiveWhenItsDebitSucceeds() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, invoice, buyer) = try Charges.sepaSubscription(harness, standIn)
        try Charges.settle(
            harness, standIn, intent: try Charges.intent(harness, subscription, attempt: 1), succeeded: false)
        let scheduled = Self.detail(buyer, subscription)["dunning"]?["next_retry_at"]
        #expect(scheduled != nil && scheduled != .null)

        // Declined: still PAST_DUE, the same retry time, no round counted; mailed.
        try Self.updateMethod(harness, standIn, buyer, subscription: subscription, method: "pm_card_chargeDeclined")
        var detail = Self.detail(buyer, subscription)
        #expect(detail["status"] == "PAST_DUE" && detail["dunning"]?["failed_attempts"] == 1, "\(detail)")
        #expect(detail["dunning"]?["next_retry_at"] == scheduled)
        #expect(
            try SubscriptionFlowTests.mails(harness, subscription) == ["mail.payment_failed", "mail.recovery_failed"])

        // A SEPA mandate: the debit (attempt 3) is in flight, no retry starts meanwhile; a repeated completion
        // charges nothing twice; its success → ACTIVE.
        let sepa = try Self.updateMethod(harness, standIn, buyer, subscription: subscription, method: "pm_sepa_debit")
        #expect(Charges.intents(standIn).last?.key == "invoice-\(invoice)-pi-v3")
        detail = Self.detail(buyer, subscription)
        #expect(detail["status"] == "PAST_DUE" && detail["dunning"]?["next_retry_at"] == .null, "\(detail)")
        #expect(detail["dunning"]?["recovering"] == .bool(true))
        let count = Charges.intents(standIn).count
        try Self.redeliver(harness, sepa)
        let first = try Self.firstFailure(harness, subscription)
        #expect(try SubscriptionFlowTests.collect(harness, asOf: first + 4 * Self.day).retriesStarted == 0)
        #expect(Charges.intents(standIn).count == count)
        try Charges.settle(
            harness, standIn, intent: try Charges.intent(harness, subscription, attempt: 3), succeeded: true)
        detail = Self.detail(buyer, subscription)
        #expect(detail["status"] == "ACTIVE" && detail["dunning"] == .null, "\(detail)")
        #expect(try SubscriptionOpenInvoicesDunningTests.status(harness, invoice) == "PAID")
        #expect(try SubscriptionFlowTests.mails(harness, subscription).last == "mail.reactivated")
    }

    @Test func aNewMethodOfAnActiveSubscriptionChargesNothing() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, _, buyer) = try Charges.sepaSubscription(harness, standIn)
        try Charges.settle(
            harness, standIn, intent: try Charges.intent(harness, subscription, attempt: 1), succeeded: true)
        let count = Charges.intents(standIn).count
        try Self.updateMethod(harness, standIn, buyer, subscription: subscription, method: "pm_card_visa")
        #expect(Charges.intents(standIn).count == count)
        #expect(Self.detail(buyer, subscription)["status"] == "ACTIVE")
        let history = try SubscriptionFlowTests.query(
            harness,
            """
            SELECT count(*) AS n FROM subscription_events
            WHERE subscription_id = \(subscription)::uuid AND event = 'payment_method.updated'
            """)
        #expect(try history[0].int("n") == 1)
    }
}
