import Foundation
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// Staff tools over the API: credit adjustments, disabling users, role changes — audited, bad input refused
/// with the field named and nothing written.
@Suite struct BackofficeRoutesTests {
    @Test func financeAdjustsCreditsWithAReasonNeverBelowZero() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let company = try #require(buyer.send("GET", "/api/v1/me").json["company"]?["id"]?.stringValue)
        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin@codezero.example")
        let path = "/api/v1/finance/companies/\(company)/credits"
        for body: JSON in [
            ["credits": 10], ["credits": 0, "reason": "x"], ["credits": "10", "reason": "x"],
            ["credits": 10, "reason": "   "], ["credits": 2_000_000, "reason": "x"],
        ] {
            let refused = finance.send("POST", path, json: body)
            #expect(refused.status == .badRequest, "\(body)")
            #expect(refused.json["errors"]?.arrayValue?.isEmpty == false)
        }
        #expect(finance.send("POST", path, json: ["credits": -1, "reason": "take"]).status == .conflict)
        #expect(buyer.send("GET", "/api/v1/billing/balance").json["credits"] == .int(0))
        let booked = finance.send("POST", path, json: ["credits": 10, "reason": "Kulanz nach Ausfall"])
        #expect(booked.status == .created)
        #expect(booked.json["credits"] == .int(10))
        #expect(buyer.send("GET", "/api/v1/billing/balance").json["credits"] == .int(10))
        #expect(
            finance.send(
                "POST", "/api/v1/finance/companies/00000000-0000-4000-8000-000000000000/credits",
                json: ["credits": 1, "reason": "x"]
            ).status == .notFound)
        #expect(buyer.send("POST", path, json: ["credits": 5, "reason": "me"]).status == .forbidden)
        let audit = try AuditLog(connection: harness.database.connect()).list(limit: 100)
        let entry = try #require(audit.first { $0.entry.action.name == "admin.credits.adjust" })
        #expect(entry.entry.details["reason"] == "Kulanz nach Ausfall")
        #expect(entry.entry.details["request_id"] == "0123456789abcdef0123456789abcdef")
        #expect(entry.entry.actor != nil)
    }

    @Test func adminsDisableUsersAndChangeRoles() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let me = buyer.send("GET", "/api/v1/me").json
        let user = try #require(me["user"]?["id"]?.stringValue)
        let company = try #require(me["company"]?["id"]?.stringValue)
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "ops@codezero.example")
        let adminID = try #require(admin.send("GET", "/api/v1/me").json["user"]?["id"]?.stringValue)

        #expect(
            admin.send(
                "POST", "/api/v1/admin/users/\(user)/role", json: ["company_id": .string(company), "role": "boss"]
            )
            .status == .badRequest)
        #expect(
            admin.send("POST", "/api/v1/admin/users/\(user)/role", json: ["company_id": "x", "role": "client"]).status
                == .badRequest)
        // Staff roles exist only in the operator company.
        #expect(
            admin.send(
                "POST", "/api/v1/admin/users/\(user)/role", json: ["company_id": .string(company), "role": "admin"]
            ).status == .notFound)
        #expect(buyer.send("GET", "/api/v1/me").json["role"] == .string("client"))

        #expect(admin.send("POST", "/api/v1/admin/users/\(adminID)/disable").status == .conflict)
        #expect(
            admin.send("POST", "/api/v1/admin/users/00000000-0000-4000-8000-000000000000/disable").status == .notFound)
        #expect(admin.send("POST", "/api/v1/admin/users/\(user)/disable").status == .noContent)
        #expect(buyer.send("GET", "/api/v1/me").status == .unauthorized)
        #expect(admin.send("POST", "/api/v1/admin/users/\(user)/disable").status == .notFound)
    }
}
