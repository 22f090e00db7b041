import Foundation
import Postgres
import TestSupport
import Testing
import Web

@testable import App

/// Buying needs the company's full address (§14 UStG, XRechnung BR-DE-8/9): a company registered through the API
/// without one is refused checkout, orders and subscriptions with a 409 problem pointing to the billing profile,
/// and nothing is written; once the profile is complete, buying works.
@Suite struct BillingAddressRequiredTests {
    static let problemType = "https://codezero.example/problems/billing-address-missing"

    static func count(_ harness: BillingHarness, _ table: String) throws -> Int {
        let rows = try harness.database.connect().query("SELECT count(*)::bigint AS n FROM \(unescaped: table)")
        return try rows[0].int("n")
    }

    @Test func everyWayToBuyIsRefusedUntilTheAddressIsComplete() throws {
        let harness = try BillingHarness()
        let anna = harness.buyer("anna@example.com", address: false)
        let attempts: [(String, String, JSON)] = [
            ("POST", "/api/v1/billing/checkout/session", ["product_id": "credits_5"]),
            ("POST", "/api/v1/orders", ["package": "ai_assessment", "addons": []]),
            ("POST", "/api/v1/subscriptions", ["plan_id": "assistant_starter"]),
        ]
        for (method, path, body) in attempts {
            let refused = anna.send(method, path, json: body)
            #expect(refused.status == .conflict, "\(path): \(refused.json)")
            #expect(refused.json["type"] == .string(Self.problemType), "\(path)")
            #expect(refused.json["billing_profile"] == .string("/api/v1/company/billing-profile"))
            #expect(refused.json["detail"]?.stringValue?.contains("billing-profile") == true)
        }
        for table in ["purchases", "orders", "subscriptions"] {
            #expect(try Self.count(harness, table) == 0, "\(table)")
        }
        // A partial address (no city) is not enough; the profile API refuses it and nothing changes.
        let partial = anna.send(
            "PUT", "/api/v1/company/billing-profile",
            json: [
                "legal_name": "Anna GmbH", "street": "Ring 1", "postal_code": "10115", "city": "", "country": "DE",
            ])
        #expect(partial.status == .unprocessableContent)
        #expect(
            anna.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"]).status
                == .conflict)
        let completed = anna.send(
            "PUT", "/api/v1/company/billing-profile",
            json: [
                "legal_name": "Anna GmbH", "street": "Ring 1", "postal_code": "10115", "city": "Berlin",
                "country": "DE",
            ])
        #expect(completed.status == .ok)
        let started = anna.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        #expect(started.status == .created, "\(started.json)")
        let order = anna.send("POST", "/api/v1/orders", json: ["package": "ai_assessment", "addons": []])
        #expect(order.status == .created, "\(order.json)")
    }

    @Test func anUnverifiedAddressIsStillTheFirstAnswer() throws {
        // The checks keep their order: first the confirmed e-mail address, then the billing address.
        let harness = try BillingHarness()
        let bert = harness.buyer("bert@example.com", verified: false, address: false)
        let refused = bert.send("POST", "/api/v1/billing/checkout/session", json: ["product_id": "credits_5"])
        #expect(refused.status == .conflict)
        #expect(refused.json["type"] == .string(CheckoutRefusal.emailUnverifiedType))
    }
}
