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

/// A SEPA debit `processing` whose webhook is lost (issue #11): after ``ReconcileProcessingPayments/threshold`` the
/// jobs process asks the Stripe stand-in (`GET /v1/payment_intents/{id}`) and applies the outcome through the
/// webhook's path — exactly once whichever of the two comes first — so the dunning and an immediate cancellation
/// are no longer blocked forever.
@Suite(.serialized) struct ReconcileProcessingPaymentsTests {
    typealias Charges = CancelNowCollectionTests

    static func reconcile(_ harness: BillingHarness, now: Int64) throws -> ReconcileProcessingPayments.Summary {
        let connection = harness.database.connect()
        defer { connection.close() }
        var logger = Logger(label: "test.subscriptions")
        logger.logLevel = .critical
        let billing = BillingServices(configuration: harness.configuration, logger: logger)
        let shell = try SubscriptionServices.shell(
            configuration: harness.configuration, gateway: { () throws(StripeError) in try billing.gateway() },
            connection: connection, logger: logger)
        return try ReconcileProcessingPayments(connection: connection, shell: shell).run(now: now)
    }

    static func lookups(_ standIn: StripeStandIn, _ intent: String) -> Int {
        standIn.requests.filter { $0.method == "GET" && $0.path == "/v1/payment_intents/\(intent)" }.count
    }

    static func event(_ standIn: StripeStandIn, _ intent: String, succeeded: Bool) throws -> StripeEvent {
        StripeEvent(
            id: "evt_late_\(succeeded ? "ok" : "failed")_" + String(UInt64.random(in: 0...UInt64.max), radix: 36),
            type: (succeeded ? StripeEventType.paymentIntentSucceeded : .paymentIntentPaymentFailed).rawValue,
            created: WebhookSignature.currentTime(), apiVersion: StripeConfiguration.pinnedAPIVersion,
            object: try #require(standIn.object(intent)))
    }

    static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    @Test func aLostSuccessIsFoundAfterTheThresholdAndTheLateEventChangesNothing() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, invoice, buyer) = try Charges.sepaSubscription(harness, standIn)
        let intent = try Charges.intent(harness, subscription, attempt: 1)
        // The debit succeeds at Stripe; its event never arrives.
        standIn.settlePaymentIntent(intent, succeeded: true)
        // Before the threshold nobody asks.
        #expect(try Self.reconcile(harness, now: Self.now) == .init())
        #expect(Self.lookups(standIn, intent) == 0)
        #expect(try SubscriptionOpenInvoicesDunningTests.status(harness, invoice) == "OPEN")
        // After it, Stripe is asked and the invoice is PAID.
        let later = Self.now + ReconcileProcessingPayments.threshold + 60
        #expect(try Self.reconcile(harness, now: later) == .init(checked: 1, settled: 1))
        #expect(Self.lookups(standIn, intent) == 1)
        #expect(try SubscriptionOpenInvoicesDunningTests.status(harness, invoice) == "PAID")
        #expect(buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["status"] == "ACTIVE")
        // The late event, and another run: nothing twice.
        let late = harness.deliver(try Self.event(standIn, intent, succeeded: true))
        #expect(late.status == .ok)
        try harness.runJobs()
        #expect(try Self.reconcile(harness, now: later) == .init())
        #expect(try SubscriptionFlowTests.payments(harness, subscription).map(\.status) == ["SUCCEEDED"])
        #expect(try SubscriptionOpenInvoicesDunningTests.status(harness, invoice) == "PAID")
    }

    @Test func aLostFailureStartsTheDunningAndUnblocksTheCancellation() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, invoice, buyer) = try Charges.sepaSubscription(harness, standIn)
        let intent = try Charges.intent(harness, subscription, attempt: 1)
        standIn.settlePaymentIntent(intent, succeeded: false)
        // While the debit is (as far as we know) in flight, an immediate cancellation is refused.
        let admin = Charges.admin(harness)
        let refused = admin.send("POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true])
        #expect(refused.status == .conflict, "\(refused.json)")
        let later = Self.now + ReconcileProcessingPayments.threshold + 60
        #expect(try Self.reconcile(harness, now: later) == .init(checked: 1, settled: 1))
        let detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["status"] == "PAST_DUE" && detail["dunning"]?["failed_attempts"] == 1, "\(detail)")
        #expect(try SubscriptionFlowTests.mails(harness, subscription) == ["mail.payment_failed"])
        // The late failure event counts nothing a second time.
        #expect(harness.deliver(try Self.event(standIn, intent, succeeded: false)).status == .ok)
        try harness.runJobs()
        #expect(try SubscriptionFlowTests.mails(harness, subscription) == ["mail.payment_failed"])
        #expect(
            buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["dunning"]?["failed_attempts"] == 1)
        // Now the cancellation goes through.
        let canceled = admin.send("POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true])
        #expect(canceled.status == .ok, "\(canceled.json)")
        _ = invoice
    }

    @Test func theEventFirstLeavesNothingToReconcileAndAStillProcessingDebitIsAskedAgain() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, _, _) = try Charges.sepaSubscription(harness, standIn)
        let intent = try Charges.intent(harness, subscription, attempt: 1)
        let later = Self.now + ReconcileProcessingPayments.threshold + 60
        // Still processing at Stripe: asked, nothing applied; asked again next run.
        #expect(try Self.reconcile(harness, now: later) == .init(checked: 1, stillProcessing: 1))
        #expect(try Self.reconcile(harness, now: later) == .init(checked: 1, stillProcessing: 1))
        #expect(try SubscriptionFlowTests.payments(harness, subscription).map(\.status) == ["PROCESSING"])
        // Its event arrives: nothing is left to ask about.
        try Charges.settle(harness, standIn, intent: intent, succeeded: true)
        #expect(try Self.reconcile(harness, now: later) == .init())
        #expect(Self.lookups(standIn, intent) == 2)
        #expect(try SubscriptionFlowTests.payments(harness, subscription).map(\.status) == ["SUCCEEDED"])
    }

    @Test func stripeUnreachableIsCountedAndAskedAgain() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let (subscription, invoice, _) = try Charges.sepaSubscription(harness, standIn)
        let intent = try Charges.intent(harness, subscription, attempt: 1)
        standIn.settlePaymentIntent(intent, succeeded: true)
        let later = Self.now + ReconcileProcessingPayments.threshold + 60
        standIn.failNext(5, with: .status(500))
        #expect(try Self.reconcile(harness, now: later).errors == 1)
        standIn.clearFaults()
        #expect(try Self.reconcile(harness, now: later) == .init(checked: 1, settled: 1))
        #expect(try SubscriptionOpenInvoicesDunningTests.status(harness, invoice) == "PAID")
    }
}
