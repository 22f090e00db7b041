import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// Leads in the back office (issue 13 item 6): listed newest first with a status filter; the status is set with a
/// form, a bad one refused in the page's language with nothing written; audited with actor and request id.
@Suite struct StaffLeadTests {
    @Test func adminsSeeLeadsAndSetTheirStatus() throws {
        let harness = try BillingHarness()
        let connection = harness.database.connect()
        let id = try connection.query(
            """
            INSERT INTO contact_requests (name, company, email, message, language)
            VALUES ('Erika Muster', 'Muster AG', 'erika@muster.example', 'Wir brauchen einen Assistenten.', 'de')
            RETURNING id
            """)[0].int("id")
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "ops@codezero.example")
        let csrf = try #require(admin.csrfToken)
        let page = admin.send("GET", "/admin/de/leads")
        #expect(page.status == .ok)
        #expect(String(decoding: page.body, as: UTF8.self).contains("Wir brauchen einen Assistenten."))
        #expect(admin.send("GET", "/admin/de/leads?status=bogus").status == .badRequest)
        let bad = admin.send("POST", "/admin/en/leads/\(id)/status", form: "csrf_token=\(csrf)&status=MAYBE")
        #expect(bad.status == .unprocessableContent)
        #expect(String(decoding: bad.body, as: UTF8.self).contains("Unknown status."))
        #expect(try LeadStore(connection: connection).leads(status: .new).count == 1, "nothing was written")
        #expect(
            admin.send("POST", "/admin/de/leads/999999/status", form: "csrf_token=\(csrf)&status=WON").status
                == .notFound)
        let set = admin.send("POST", "/admin/de/leads/\(id)/status", form: "csrf_token=\(csrf)&status=CONTACTED")
        #expect(set.status == .seeOther)
        #expect(try LeadStore(connection: connection).leads(status: .contacted).map(\.id) == [id])
        let filtered = String(decoding: admin.send("GET", "/admin/de/leads?status=NEW").body, as: UTF8.self)
        #expect(!filtered.contains("erika@muster.example"))
        let finance = TestClient.staff(
            harness.application, database: harness.database, role: "finance", email: "fin@codezero.example")
        #expect(finance.send("GET", "/admin/de/leads").status == .forbidden)
        let audit = try AuditLog(connection: connection).list(limit: 50)
        let entry = try #require(audit.first { $0.entry.action.name == "admin.lead.status" })
        #expect(entry.entry.details["request_id"] == "0123456789abcdef0123456789abcdef")
        #expect(entry.entry.details["to"] == "CONTACTED" && entry.entry.actor != nil)
    }
}
