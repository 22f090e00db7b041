import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// Creating items and editing credit packs on the back office's catalog page (issue 13 item 6): field errors in
/// the page's language with nothing written, then the item stored, versioned and sold; a monthly package becomes
/// a plan with the included units and overage price typed on the form.
@Suite struct StaffCatalogCreationTests {
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\(PercentEncoding.encodeFormComponent($0.1))" }.joined(separator: "&")
    }

    @Test func aCreditPackIsCreatedAndEditedOnThePage() throws {
        let harness = try BillingHarness()
        let connection = harness.database.connect()
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "pages@codezero.example")
        let csrf = try #require(admin.csrfToken)
        let page = String(decoding: admin.send("GET", "/admin/de/catalog").body, as: UTF8.self)
        #expect(page.contains("id=\"new-credit_pack\"") && page.contains("Credit-Pakete"))
        #expect(page.contains("id=\"item-credits_5\""), "existing packs are listed for editing")
        let version = try connection.query("SELECT version FROM catalog_version")[0].int("version")

        let bad = admin.send(
            "POST", "/admin/de/catalog/credit_pack",
            form: Self.form([
                ("csrf_token", csrf), ("id", "50 Credits"), ("name_de", ""), ("name_en", "50 credits"),
                ("price", "zehn"), ("credits", "0"),
            ]))
        #expect(bad.status == .unprocessableContent)
        let html = String(decoding: bad.body, as: UTF8.self)
        #expect(html.contains("Kleinbuchstaben, Ziffern und _, beginnt mit einem Buchstaben, 2 bis 64 Zeichen."))
        #expect(html.contains("Bitte ausfüllen.") && html.contains("Ein Betrag in Euro"))
        #expect(html.contains("Eine ganze Zahl von 1 bis 1000000."))
        #expect(html.contains("value=\"50 Credits\""), "the form keeps what was typed")
        let english = admin.send(
            "POST", "/admin/en/catalog/credit_pack",
            form: Self.form([("csrf_token", csrf), ("id", "x"), ("name_de", "a"), ("name_en", "b"), ("price", "1")]))
        #expect(String(decoding: english.body, as: UTF8.self).contains("Lower-case letters, digits and _"))
        #expect(try connection.query("SELECT version FROM catalog_version")[0].int("version") == version)
        #expect(
            admin.send("POST", "/admin/de/catalog/gadget", form: Self.form([("csrf_token", csrf)])).status == .notFound)

        let good = Self.form([
            ("csrf_token", csrf), ("id", "credits_50"), ("name_de", "50 Credits"), ("name_en", "50 credits"),
            ("price", "59,99"), ("credits", "50"),
        ])
        let created = admin.send("POST", "/admin/de/catalog/credit_pack", form: good)
        #expect(created.status == .seeOther)
        #expect(created.headers["Location"]?.contains("done=catalog_created") == true)
        let sold = try #require(try CreditProductStore(connection: connection).product(id: "credits_50"))
        #expect(sold.product.net.cents == 5_999 && sold.product.credits == 50 && sold.product.isActive)
        let taken = admin.send("POST", "/admin/de/catalog/credit_pack", form: good)
        #expect(taken.status == .conflict)
        #expect(String(decoding: taken.body, as: UTF8.self).contains("Diese ID ist bereits vergeben"))

        let edit = { (price: String, active: Bool) in
            admin.send(
                "POST", "/admin/de/catalog/credit_pack/credits_50",
                form: Self.form(
                    [
                        ("csrf_token", csrf), ("name_de", "50 Credits"), ("name_en", "50 credits"), ("credits", "50"),
                        ("price", price),
                    ] + (active ? [("active", "1")] : [])))
        }
        #expect(edit("-1", true).status == .unprocessableContent)
        #expect(edit("54,99", false).status == .seeOther)
        let after = try #require(try CreditProductStore(connection: connection).product(id: "credits_50"))
        #expect(after.product.net.cents == 5_499 && !after.product.isActive, "deactivated")
        #expect(
            try CreditProductStore(connection: connection).activeProducts().contains { $0.product.id == "credits_50" }
                == false)
        let kinds = try connection.query(
            "SELECT count(*)::int8 AS n FROM catalog_changes WHERE item_kind = 'credit_pack' AND item_id = 'credits_50'"
        )
        #expect(try kinds[0].int("n") == 2)
        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin2@codezero.example")
        #expect(finance.send("POST", "/admin/de/catalog/credit_pack", form: good).status == .forbidden)
    }

    @Test func aMonthlyPackageFromThePageIsAPlan() throws {
        let harness = try BillingHarness()
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "plans@codezero.example")
        let csrf = try #require(admin.csrfToken)
        let fields: [(String, String)] = [
            ("csrf_token", csrf), ("id", "assistant_team"), ("name_de", "KI-Assistent Team"),
            ("name_en", "AI assistant Team"), ("description_de", "Für Teams."), ("description_en", "For teams."),
            ("interval", "monthly"), ("price", "990"), ("included_assistant_minutes", "3000"),
        ]
        let bad = admin.send(
            "POST", "/admin/en/catalog/package", form: Self.form(fields + [("overage_assistant_minutes", "0.00001")]))
        #expect(bad.status == .unprocessableContent)
        #expect(String(decoding: bad.body, as: UTF8.self).contains("A euro amount with at most 4 decimals"))
        let created = admin.send(
            "POST", "/admin/de/catalog/package", form: Self.form(fields + [("overage_assistant_minutes", "0,0425")]))
        #expect(created.status == .seeOther)
        let plan = TestClient(harness.application).send("GET", "/api/v1/plans/assistant_team").json
        #expect(plan["current_price"]?["base_fee_cents"] == 99_000)
        #expect(plan["current_price"]?["metrics"]?[0]?["included"] == "3000")
        #expect(plan["current_price"]?["metrics"]?[0]?["overage_unit_price"] == "0.0425")
    }
}
