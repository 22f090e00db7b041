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

/// Reconciliation reads each purchase's age from the moment the database stored (a `Date`, never a parsed
/// string: a parse failure used to mean age 0, so such a purchase was never reconciled) and from an injected
/// clock, so the test moves time instead of waiting.
@Suite struct ReconcilePurchasesTests {
    func reconcile(_ harness: BillingHarness, at now: Date) throws -> Int {
        var logger = Logger(label: "codezero.test.reconcile")
        logger.logLevel = .critical
        let billing = BillingServices(configuration: harness.configuration, logger: logger)
        let reconcile = ReconcilePurchases(
            gateway: { () throws(StripeError) in try billing.gateway() }, seller: harness.configuration.seller,
            logger: logger, clock: { now })
        return try harness.database.connect().transaction { connection in try reconcile.run(connection: connection) }
    }

    func started(_ harness: BillingHarness) throws -> (purchase: String, session: String) {
        let buyer = harness.buyer("anna@example.com")
        let response = buyer.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        return (
            try #require(response.json["purchase_id"]?.stringValue),
            try #require(response.json["session_id"]?.stringValue)
        )
    }

    @Test func storedPurchasesCarryTheirCreationMomentAsADate() throws {
        let harness = try BillingHarness(stripe: true)
        let before = Date()
        let (purchase, _) = try started(harness)
        let record = try #require(
            try PurchaseStore(connection: harness.database.connect()).purchases(
                companyID: CompanyID(
                    try harness.database.connect().query(
                        "SELECT company_id::text AS c FROM purchases WHERE id = \(purchase)::uuid")[0].string("c"))
            ).first)
        #expect(abs(record.created.timeIntervalSince(before)) < 60)
        #expect(record.paid == nil)
    }

    @Test func aYoungPurchaseIsLeftToTheWebhookAndAnOldOpenSessionIsExpired() throws {
        let harness = try BillingHarness(stripe: true)
        let (purchase, session) = try started(harness)
        #expect(try reconcile(harness, at: Date()) == 0, "younger than 15 minutes")
        #expect(try harness.status(of: purchase) == "PENDING")
        // An hour later the session is still open at Stripe: checked, nothing changes.
        #expect(try reconcile(harness, at: Date().addingTimeInterval(3600)) == 0)
        #expect(harness.standIn?.session(session)?["status"] == .string("open"))
        // More than 25 hours later the open session is expired and the purchase fails.
        #expect(try reconcile(harness, at: Date().addingTimeInterval(26 * 3600)) == 1)
        #expect(harness.standIn?.session(session)?["status"] == .string("expired"))
        #expect(try harness.status(of: purchase) == "FAILED")
    }

    @Test func aPaidSessionIsFulfilledOnceByReconciliation() throws {
        let harness = try BillingHarness(stripe: true)
        let (purchase, session) = try started(harness)
        harness.standIn?.markPaid(session)
        #expect(try reconcile(harness, at: Date().addingTimeInterval(20 * 60)) == 1)
        #expect(try reconcile(harness, at: Date().addingTimeInterval(40 * 60)) == 0)
        #expect(try harness.status(of: purchase) == "PAID")
        #expect(try harness.grants(of: purchase) == 1)
    }
}
