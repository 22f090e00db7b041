import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// Creating and deactivating catalog items through `/api/v1/admin/catalog/…` (issue 13 item 6) against a real
/// PostgreSQL: validated with every field error and nothing written, ids unique across kinds, versioned with
/// actor and request id, audited, the catalog version bumped (workers reload, the page cache purge is queued),
/// deactivated items gone from the public API while orders placed before keep their names and prices.
@Suite struct CatalogAdminRoutesTests {
    static func admin(_ harness: BillingHarness, _ email: String = "catalog@codezero.example") -> TestClient {
        TestClient.staff(harness.application, database: harness.database, role: "admin", email: email)
    }

    static func version(_ connection: PostgresConnection) throws -> Int {
        try connection.query("SELECT version FROM catalog_version")[0].int("version")
    }

    @Test func aCreditPackIsCreatedSoldAndDeactivated() throws {
        let harness = try BillingHarness()
        let admin = Self.admin(harness)
        let connection = harness.database.connect()
        let version = try Self.version(connection)
        let body: JSON = [
            "id": "credits_50", "name_de": "50 Credits", "name_en": "50 credits", "credits": 50, "net_cents": 5_999,
        ]
        let created = admin.send("POST", "/api/v1/admin/catalog/credit-packs", json: body)
        #expect(created.status == .created, "\(created.json)")
        #expect(created.json["kind"] == "credit_pack" && created.json["plan_id"] == .null)
        #expect(try Self.version(connection) > version, "workers reload and the page cache purge is queued")
        let products = { TestClient(harness.application).send("GET", "/api/v1/billing/products").json["products"] }
        let sold = products()?.arrayValue?.first { $0["id"] == "credits_50" }
        #expect(sold?["credits"] == 50 && sold?["net_cents"] == 5_999, "\(String(describing: products()))")
        #expect(admin.send("POST", "/api/v1/admin/catalog/credit-packs", json: body).status == .conflict)
        let clash: JSON = [
            "id": "assistant_business", "name_de": "50 Credits", "name_en": "50 credits", "credits": 50,
            "net_cents": 5_999,
        ]
        #expect(
            admin.send("POST", "/api/v1/admin/catalog/credit-packs", json: clash).status == .conflict,
            "ids are unique across packages, add-ons and credit packs")

        let deactivated = admin.send("POST", "/api/v1/admin/catalog/credit-packs/credits_50/deactivate")
        #expect(deactivated.status == .ok && deactivated.json["active"] == false)
        #expect(products()?.arrayValue?.contains { $0["id"] == "credits_50" } == false)
        #expect(admin.send("POST", "/api/v1/admin/catalog/credit-packs/credits_50/activate").json["active"] == true)
        #expect(admin.send("POST", "/api/v1/admin/catalog/credit-packs/nothing/deactivate").status == .notFound)
        #expect(admin.send("POST", "/api/v1/admin/catalog/gadgets/credits_50/deactivate").status == .notFound)

        let changes = try connection.query(
            """
            SELECT before IS NULL AS created, after->>'active' AS active, actor IS NOT NULL AS by_actor, request_id
            FROM catalog_changes WHERE item_kind = 'credit_pack' AND item_id = 'credits_50' ORDER BY id
            """)
        #expect(changes.count == 3)
        #expect(try changes[0].bool("created") && changes[1].string("active") == "false")
        #expect(try changes.allSatisfy { try $0.bool("by_actor") && $0.string("request_id").count == 32 })
        let audit = try AuditLog(connection: connection).list(limit: 100).map(\.entry.action.name)
        #expect(audit.contains("admin.catalog.create") && audit.contains("admin.catalog.deactivate"))
    }

    @Test func badInputNamesEveryFieldAndWritesNothing() throws {
        let harness = try BillingHarness()
        let admin = Self.admin(harness)
        let connection = harness.database.connect()
        let version = try Self.version(connection)
        let bad: JSON = [
            "id": "New Package", "name_de": "", "name_en": "x", "description_de": "d", "description_en": "",
            "net_cents": -5, "interval": "weekly",
        ]
        let refused = admin.send("POST", "/api/v1/admin/catalog/packages", json: bad)
        #expect(refused.status == .unprocessableContent)
        let fields = Set(refused.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? [])
        #expect(fields == ["id", "name_de", "description_en", "net_cents", "interval"], "\(refused.json)")
        let addon = admin.send(
            "POST", "/api/v1/admin/catalog/addons",
            json: [
                "id": "gpu_more", "name_de": "GPU", "name_en": "GPU", "description_de": "d", "description_en": "d",
                "net_cents": 100, "interval": "monthly", "max_quantity": 0,
                "metrics": [["metric": "nope", "included": "x", "overage_unit_price": "0.00001"]],
            ])
        #expect(addon.status == .unprocessableContent)
        let addonFields = Set(addon.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? [])
        #expect(addonFields.contains("max_quantity") && addonFields.contains("metrics[0].metric"), "\(addon.json)")
        #expect(addonFields.contains("metrics[0].overage_unit_price"), "at most 4 decimals")
        let oneOff = admin.send(
            "POST", "/api/v1/admin/catalog/packages",
            json: [
                "id": "audit_day", "name_de": "T", "name_en": "D", "description_de": "d", "description_en": "d",
                "net_cents": 100, "interval": "one_time",
                "metrics": [["metric": "assistant_minutes", "included": "1", "overage_unit_price": "0.01"]],
            ])
        #expect(oneOff.status == .unprocessableContent, "a one-off item has no included units")
        #expect(
            admin.send("POST", "/api/v1/admin/catalog/credit-packs", json: ["id": "c", "credits": "5"]).status
                == .unprocessableContent)
        #expect(try Self.version(connection) == version, "nothing was written")
        #expect(try connection.query("SELECT count(*)::int8 AS n FROM catalog_changes")[0].int("n") == 0)

        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin@codezero.example")
        #expect(finance.send("POST", "/api/v1/admin/catalog/credit-packs", json: [:]).status == .forbidden)
        #expect(TestClient(harness.application).send("POST", "/api/v1/admin/catalog/packages").status == .unauthorized)
    }

    @Test func aMonthlyPackageIsAPlanAndOrdersKeepTheirPriceWhenItChangesOrGoes() throws {
        let harness = try BillingHarness()
        let admin = Self.admin(harness)
        let connection = harness.database.connect()
        let created = admin.send(
            "POST", "/api/v1/admin/catalog/packages",
            json: [
                "id": "assistant_plus", "name_de": "KI-Assistent Plus", "name_en": "AI assistant Plus",
                "description_de": "Für 300 Nutzer.", "description_en": "For 300 users.", "net_cents": 199_000,
                "interval": "monthly",
                "metrics": [["metric": "assistant_minutes", "included": "8000", "overage_unit_price": "0.0375"]],
            ])
        #expect(created.status == .created, "\(created.json)")
        #expect(created.json["plan_id"] == "assistant_plus")
        let plan = TestClient(harness.application).send("GET", "/api/v1/plans/assistant_plus").json
        #expect(plan["current_price"]?["base_fee_cents"] == 199_000)
        #expect(plan["current_price"]?["metrics"]?[0]?["overage_unit_price"] == "0.0375")
        let catalog = TestClient(harness.application).send("GET", "/api/v1/catalog").json
        #expect(catalog["packages"]?.arrayValue?.contains { $0["id"] == "assistant_plus" } == true)

        let buyer = harness.buyer("berta@example.com")
        let placed = buyer.send("POST", "/api/v1/orders", json: ["package": "assistant_plus", "addons": []])
        #expect(placed.status == .created, "\(placed.json)")
        let order = try #require(placed.json["id"]?.stringValue)
        let line = {
            try connection.query(
                "SELECT unit_net_cents, name_de FROM order_lines WHERE order_id = \(order)::uuid AND item_id = 'assistant_plus'"
            )[0]
        }
        #expect(try line().int("unit_net_cents") == 199_000)

        let edit = CatalogItemEdit(
            kind: .package, id: "assistant_plus", name: LocalizedText(de: "Plus neu", en: "Plus new"),
            description: LocalizedText(de: "d", en: "d"), netCents: 249_000, isActive: true)
        let actor = try #require(
            try connection.query("SELECT id::text AS id FROM users WHERE email = 'catalog@codezero.example'").first)
        _ = try CatalogEditor(connection: connection).apply(
            edit, actor: UserID(try actor.string("id")), requestID: "test")
        #expect(admin.send("POST", "/api/v1/admin/catalog/packages/assistant_plus/deactivate").status == .ok)
        #expect(try line().int("unit_net_cents") == 199_000, "the order placed before keeps its price")
        #expect(try line().string("name_de") == "KI-Assistent Plus", "and its name")
        let after = TestClient(harness.application).send("GET", "/api/v1/catalog").json
        #expect(after["packages"]?.arrayValue?.contains { $0["id"] == "assistant_plus" } == false)
        let plans = TestClient(harness.application).send("GET", "/api/v1/plans").json["plans"]?.arrayValue ?? []
        #expect(!plans.contains { $0["id"] == "assistant_plus" }, "a deactivated plan is no longer offered")
        #expect(buyer.send("GET", "/api/v1/orders/\(order)").status == .ok, "the old order still renders")
        let refused = buyer.send("POST", "/api/v1/orders", json: ["package": "assistant_plus", "addons": []])
        #expect(refused.status == .unprocessableContent, "\(refused.status)")
    }
}
