import Domain
import Foundation
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// Plans, versioned list prices and company pricing against a real PostgreSQL.
@Suite(.serialized) struct PlanRoutesTests {
    static func admin(_ harness: BillingHarness) -> TestClient {
        TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "admin@codezero.example")
    }

    @Test func plansCarrySeed004sPrices() throws {
        let harness = try BillingHarness()
        let response = TestClient(harness.application).send("GET", "/api/v1/plans")
        #expect(response.status == .ok)
        let plans = response.json["plans"]?.arrayValue ?? []
        func price(_ id: String) -> JSON? { plans.first { $0["id"]?.stringValue == id }?["current_price"] }
        #expect(price("assistant_starter")?["base_fee_cents"] == 49_000)
        #expect(price("assistant_starter")?["metrics"]?[0]?["included"] == "1000")
        #expect(price("assistant_starter")?["metrics"]?[0]?["overage_unit_price"] == "0.0500")
        #expect(price("assistant_business")?["metrics"]?[0]?["included"] == "5000")
        #expect(price("assistant_business")?["metrics"]?[0]?["overage_unit_price"] == "0.0400")
        #expect(price("platform_enterprise")?["metrics"]?[0]?["included"] == "20000")
        #expect(price("platform_enterprise")?["metrics"]?[0]?["overage_unit_price"] == "0.0300")
        #expect(price("priority_support")?["base_fee_cents"] == 39_000)
        #expect(plans.contains { $0["id"] == "ai_assessment" } == false)  // one-time items are no plans
        #expect(TestClient(harness.application).send("GET", "/api/v1/plans/assistant_starter").status == .ok)
        #expect(TestClient(harness.application).send("GET", "/api/v1/plans/nope").status == .notFound)
        let metrics = TestClient(harness.application).send("GET", "/api/v1/usage/metrics").json["metrics"]
        #expect(metrics?[0]?["id"] == "assistant_minutes")
    }

    @Test func aPriceChangeIsAVersionForTheNextPeriod() throws {
        let harness = try BillingHarness()
        let admin = Self.admin(harness)
        let from = Date().addingTimeInterval(3600)
        let formatter = ISO8601DateFormatter()
        let body: JSON = [
            "base_fee_cents": 59_000, "effective_from": .string(formatter.string(from: from)),
            "metrics": [["metric": "assistant_minutes", "included": "1500", "overage_unit_price": "0.0450"]],
        ]
        let added = admin.send("POST", "/api/v1/admin/plans/assistant_starter/prices", json: body)
        #expect(added.status == .created)
        #expect(admin.send("POST", "/api/v1/admin/plans/assistant_starter/prices", json: body).status == .conflict)
        let plan = TestClient(harness.application).send("GET", "/api/v1/plans/assistant_starter").json
        #expect(plan["current_price"]?["base_fee_cents"] == 49_000)
        #expect(plan["scheduled_prices"]?[0]?["base_fee_cents"] == 59_000)
        // The store picks the version by the period's start.
        let store = PlanPriceStore(connection: harness.database.connect())
        let company =
            harness.buyer("pricing@example.com").send("GET", "/api/v1/me").json["company"]?["id"]?
            .stringValue ?? ""
        let now = Int(Date().timeIntervalSince1970)
        #expect(
            try store.applicable(planID: "assistant_starter", companyID: company, periodStart: now)?.baseFee
                == .eur(49_000))
        #expect(
            try store.applicable(planID: "assistant_starter", companyID: company, periodStart: now + 7200)?.baseFee
                == .eur(59_000))

        // Company pricing wins from its start.
        let own = admin.send(
            "POST", "/api/v1/admin/companies/\(company)/pricing",
            json: [
                "plan_id": "assistant_starter", "base_fee_cents": 40_000, "note": "framework contract",
                "metrics": [["metric": "assistant_minutes", "included": "2000", "overage_unit_price": "0.0375"]],
            ])
        #expect(own.status == .created)
        let applied = try store.applicable(planID: "assistant_starter", companyID: company, periodStart: now + 10)
        #expect(applied?.baseFee == .eur(40_000))
        #expect(applied?.allowance(for: "assistant_minutes")?.overagePrice.hundredthsOfCent == 375)
        #expect(
            admin.send("GET", "/api/v1/admin/companies/\(company)/pricing").json["pricing"]?[0]?["plan_id"]
                == "assistant_starter")
    }

    static let badPrices: [(JSON, String)] = {
        func metric(_ id: String, _ included: String, _ price: String) -> JSON {
            [
                "base_fee_cents": 100,
                "metrics": [
                    [
                        "metric": .string(id), "included": .string(included),
                        "overage_unit_price": .string(price),
                    ]
                ],
            ]
        }
        var cases: [(JSON, String)] = []
        cases.append(([:], "base_fee_cents"))
        cases.append((["base_fee_cents": -1], "base_fee_cents"))
        cases.append((["base_fee_cents": "100"], "base_fee_cents"))
        cases.append((["base_fee_cents": 100, "effective_from": "2001-01-01T00:00:00Z"], "effective_from"))
        cases.append((["base_fee_cents": 100, "effective_from": "tomorrow"], "effective_from"))
        cases.append((["base_fee_cents": 100, "metrics": "x"], "metrics"))
        cases.append((metric("nope", "1", "0.01"), "metrics[0].metric"))
        cases.append((metric("assistant_minutes", "-1", "0.01"), "metrics[0].included"))
        cases.append((metric("assistant_minutes", "1", "0.00001"), "metrics[0].overage_unit_price"))
        return cases
    }()

    @Test(arguments: badPrices)
    func badPricesAreRefusedAndNothingIsWritten(body: JSON, field: String) throws {
        let harness = try BillingHarness()
        let admin = Self.admin(harness)
        let response = admin.send("POST", "/api/v1/admin/plans/assistant_starter/prices", json: body)
        #expect(response.status == .unprocessableContent)
        #expect(response.json["errors"]?.arrayValue?.contains { $0["field"]?.stringValue == field } == true)
        #expect(
            try PlanPriceStore(connection: harness.database.connect()).listVersions(planID: "assistant_starter").count
                == 1)
    }

    @Test func onlyAdminsChangePrices() throws {
        let harness = try BillingHarness()
        let client = harness.buyer("client@example.com")
        let body: JSON = ["base_fee_cents": 1]
        #expect(client.send("POST", "/api/v1/admin/plans/assistant_starter/prices", json: body).status == .forbidden)
        let admin = Self.admin(harness)
        #expect(admin.send("POST", "/api/v1/admin/plans/nope/prices", json: body).status == .notFound)
        #expect(admin.send("POST", "/api/v1/admin/companies/not-a-uuid/pricing", json: body).status == .notFound)
        #expect(
            admin.send("POST", "/api/v1/admin/companies/00000000-0000-0000-0000-000000000000/pricing", json: body)
                .status
                == .notFound)
        #expect(
            admin.send("GET", "/api/v1/admin/companies/00000000-0000-0000-0000-000000000000/pricing").status
                == .notFound)
    }
}
