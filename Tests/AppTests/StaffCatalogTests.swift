import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// Catalog edits in the back office (issue 13 item 6): validated in the page's language with nothing written,
/// versioned with actor and request id, the catalog version bumped (workers reload, the page cache purge job is
/// queued), orders placed before keep their prices.
@Suite struct StaffCatalogTests {
    @Test(
        arguments: [
            ("1490", 149_000), ("1490,50", 149_050), ("1.490,5", 149_050), ("1490.05", 149_005), ("0", 0),
            ("abc", nil), ("-5", nil), ("1,234", nil), ("", nil), ("2000000", nil), ("1e3", nil),
        ] as [(String, Int?)])
    func pricesInEuros(text: String, cents: Int?) {
        #expect(StaffCatalogPageRoutes.cents(text) == cents, "\(text)")
    }

    @Test func adminsEditAPackageVersionedAndPurgedAndOrdersKeepTheirPrices() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let placed = buyer.send("POST", "/api/v1/orders", json: ["package": "assistant_business", "addons": []])
        let order = try #require(placed.json["id"]?.stringValue)
        let connection = harness.database.connect()
        let before = try #require(
            try CatalogStore(connection: connection).load().catalog.package(id: "assistant_business"))
        let version = try CatalogStore(connection: connection).load().version
        let lineCents = {
            try connection.query(
                "SELECT unit_net_cents FROM order_lines WHERE order_id = \(order)::uuid AND item_id = 'assistant_business'"
            )[0].int("unit_net_cents")
        }
        let ordered = try lineCents()

        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "ops@codezero.example")
        let csrf = try #require(admin.csrfToken)
        let page = admin.send("GET", "/admin/de/catalog")
        #expect(page.status == .ok)
        #expect(String(decoding: page.body, as: UTF8.self).contains("assistant_business"))
        let fields = { (price: String, name: String) -> String in
            [
                ("csrf_token", csrf), ("name_de", name), ("name_en", before.name.en),
                ("description_de", before.description.de), ("description_en", before.description.en),
                ("price", price), ("active", "1"),
            ].map { "\($0.0)=\(PercentEncoding.encodeFormComponent($0.1))" }.joined(separator: "&")
        }
        let path = "/admin/de/catalog/package/assistant_business"
        let bad = admin.send("POST", path, form: fields("zwölf", ""))
        #expect(bad.status == .unprocessableContent)
        let html = String(decoding: bad.body, as: UTF8.self)
        #expect(html.contains("Ein Betrag in Euro") && html.contains("Bitte ausfüllen."))
        #expect(try CatalogStore(connection: connection).load().version == version, "nothing was written")
        #expect(try CatalogEditor(connection: connection).changes(kind: .package, id: "assistant_business") == 0)
        #expect(
            admin.send("POST", "/admin/de/catalog/gadget/assistant_business", form: fields("1", "x")).status
                == .notFound)
        #expect(
            admin.send("POST", "/admin/de/catalog/package/nothing_here", form: fields("1", "x")).status == .notFound)
        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin@codezero.example")
        #expect(finance.send("GET", "/admin/de/catalog").status == .forbidden)

        let changed = admin.send("POST", path, form: fields("1234,50", before.name.de))
        #expect(changed.status == .seeOther)
        let after = try CatalogStore(connection: connection).load()
        #expect(after.catalog.package(id: "assistant_business")?.net.cents == 123_450)
        #expect(after.version > version, "workers reload, the page cache is purged")
        #expect(try CatalogEditor(connection: connection).changes(kind: .package, id: "assistant_business") == 1)
        #expect(
            try connection.query("SELECT count(*)::int8 AS n FROM jobs WHERE kind = 'cache.purge_pages'")[0].int("n")
                >= 1)
        #expect(try lineCents() == ordered, "the order placed before keeps its price")
        let audit = try AuditLog(connection: connection).list(limit: 100)
        let entry = try #require(audit.first { $0.entry.action.name == "admin.catalog.edit" })
        #expect(entry.entry.details["request_id"] == "0123456789abcdef0123456789abcdef")
        #expect(entry.entry.details["net_cents"] == "123450")
    }
}
