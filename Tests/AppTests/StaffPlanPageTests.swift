import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// Plan prices and company pricing in the back office (issue 13 item 6): versions listed, a new version added
/// for the next period (never the running one), a company's own price set on its page; bad input answered with
/// the fields' errors in the page's language and nothing written.
@Suite struct StaffPlanPageTests {
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\(PercentEncoding.encodeFormComponent($0.1))" }.joined(separator: "&")
    }

    @Test func aListPriceVersionAppliesFromTheNextPeriod() throws {
        let harness = try BillingHarness()
        let connection = harness.database.connect()
        let store = PlanPriceStore(connection: connection)
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "tariffs@codezero.example")
        let csrf = try #require(admin.csrfToken)
        let page = String(decoding: admin.send("GET", "/admin/en/plans").body, as: UTF8.self)
        #expect(page.contains("id=\"plan-assistant_starter\"") && page.contains("in force"))
        #expect(page.contains("490.00"), "the seeded base fee is listed")
        let versions = { try connection.query("SELECT count(*)::int8 AS n FROM plan_prices")[0].int("n") }
        let before = try versions()

        let bad = admin.send(
            "POST", "/admin/de/plans/assistant_starter/prices",
            form: Self.form([
                ("csrf_token", csrf), ("base_fee", "viel"), ("effective_from", "2001-01-01"),
                ("included_assistant_minutes", "x"), ("overage_assistant_minutes", "0,12345"),
            ]))
        #expect(bad.status == .unprocessableContent)
        let html = String(decoding: bad.body, as: UTF8.self)
        #expect(html.contains("Ein Betrag in Euro") && html.contains("nicht in der Vergangenheit"))
        #expect(html.contains("höchstens 3 Nachkommastellen") && html.contains("höchstens 4 Nachkommastellen"))
        #expect(try versions() == before, "nothing was written")
        #expect(
            admin.send("POST", "/admin/de/plans/nope/prices", form: Self.form([("csrf_token", csrf)])).status
                == .notFound)

        let added = admin.send(
            "POST", "/admin/de/plans/assistant_starter/prices",
            form: Self.form([
                ("csrf_token", csrf), ("base_fee", "550"), ("included_assistant_minutes", "1200"),
                ("overage_assistant_minutes", "0,045"),
            ]))
        #expect(added.status == .seeOther)
        #expect(try versions() == before + 1)
        let now = Int(Date().timeIntervalSince1970)
        let company = try #require(
            harness.buyer("list-price@example.com").send("GET", "/api/v1/me").json["company"]?["id"]?.stringValue)
        let running = try #require(
            try store.applicable(planID: "assistant_starter", companyID: company, periodStart: now - 86_400))
        #expect(running.baseFee == .eur(49_000), "a period that started before keeps the old price")
        let next = try #require(
            try store.applicable(planID: "assistant_starter", companyID: company, periodStart: now + 60))
        #expect(next.baseFee == .eur(55_000))
        #expect(next.allowance(for: "assistant_minutes")?.overagePrice.hundredthsOfCent == 450)
        let audit = try AuditLog(connection: connection).list(limit: 50)
        #expect(
            audit.contains { $0.entry.action.name == "admin.plans.price_add" && $0.entry.details["request_id"] != nil })

        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin3@codezero.example")
        #expect(finance.send("GET", "/admin/de/plans").status == .forbidden)
    }

    @Test func aCompanyGetsItsOwnPriceOnItsPage() throws {
        let harness = try BillingHarness()
        let company = try #require(
            harness.buyer("own-price@example.com").send("GET", "/api/v1/me").json["company"]?["id"]?.stringValue)
        let store = PlanPriceStore(connection: harness.database.connect())
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "kam@codezero.example")
        let csrf = try #require(admin.csrfToken)
        let page = String(decoding: admin.send("GET", "/admin/de/companies/\(company)").body, as: UTF8.self)
        #expect(page.contains("id=\"company-pricing\"") && page.contains("Firmenpreise"))
        let path = "/admin/de/companies/\(company)/pricing"
        let bad = admin.send(
            "POST", path, form: Self.form([("csrf_token", csrf), ("plan_id", "nope"), ("base_fee", "-1")]))
        #expect(bad.status == .unprocessableContent)
        let html = String(decoding: bad.body, as: UTF8.self)
        #expect(html.contains("Bitte einen Tarif wählen.") && html.contains("Ein Betrag in Euro"))
        #expect(try store.companyVersions(companyID: company, planID: nil).isEmpty, "nothing was written")

        let set = admin.send(
            "POST", path,
            form: Self.form([
                ("csrf_token", csrf), ("plan_id", "assistant_starter"), ("base_fee", "400"), ("note", "Rahmenvertrag"),
            ]))
        #expect(set.status == .seeOther)
        let now = Int(Date().timeIntervalSince1970)
        #expect(
            try store.applicable(planID: "assistant_starter", companyID: company, periodStart: now + 60)?.baseFee
                == .eur(40_000))
        let shown = String(decoding: admin.send("GET", "/admin/de/companies/\(company)").body, as: UTF8.self)
        #expect(shown.contains("400,00"))
        #expect(
            admin.send(
                "POST", "/admin/de/companies/\(UUID().uuidString.lowercased())/pricing",
                form: Self.form([("csrf_token", csrf)])
            ).status == .notFound)
        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin4@codezero.example")
        let financePage = String(decoding: finance.send("GET", "/admin/de/companies/\(company)").body, as: UTF8.self)
        #expect(!financePage.contains("company-pricing"), "company pricing is for admins")
        #expect(finance.send("POST", path, form: Self.form([("csrf_token", csrf)])).status == .forbidden)
    }
}
