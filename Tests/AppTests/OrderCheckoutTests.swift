import Foundation
import TestSupport
import Testing
import Web

@testable import App

/// Paying a configurator order again: the earlier Checkout session is expired first, so two open sessions
/// of one order can never both be paid.
@Suite struct OrderCheckoutTests {
    static func order(_ buyer: TestClient) throws -> String {
        let placed = buyer.send("POST", "/api/v1/orders", json: ["package": "ai_assessment", "addons": []])
        #expect(placed.status == .created)
        return try #require(placed.json["id"]?.stringValue)
    }

    @Test func aSecondCheckoutExpiresTheFirstSessionAtStripe() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let buyer = harness.buyer("anna@example.com")
        let order = try Self.order(buyer)
        let first = buyer.send("POST", "/api/v1/orders/\(order)/checkout")
        let second = buyer.send("POST", "/api/v1/orders/\(order)/checkout")
        #expect(second.status == .created)
        let firstSession = try #require(first.json["session_id"]?.stringValue)
        let firstPurchase = try #require(first.json["purchase_id"]?.stringValue)
        #expect(standIn.session(firstSession)?["status"] == .string("expired"))
        #expect(try harness.status(of: firstPurchase) == "FAILED")

        // Paid meanwhile (its webhook not yet here): the order is paid now, no third session.
        let secondSession = try #require(second.json["session_id"]?.stringValue)
        standIn.markPaid(secondSession)
        #expect(buyer.send("POST", "/api/v1/orders/\(order)/checkout").status == .conflict)
        #expect(buyer.send("GET", "/api/v1/orders/\(order)").json["status"] == .string("PAID"))
    }

    @Test func inMockModeTheEarlierPurchaseFails() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let order = try Self.order(buyer)
        let first = try #require(
            buyer.send("POST", "/api/v1/orders/\(order)/checkout").json["purchase_id"]?.stringValue)
        let second = try #require(
            buyer.send("POST", "/api/v1/orders/\(order)/checkout").json["purchase_id"]?.stringValue)
        #expect(try harness.status(of: first) == "FAILED")
        #expect(try harness.status(of: second) == "PENDING")
    }
}
