import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// Erasure: login impossible afterwards, the address and name gone from every text column of every table except
/// the retained invoices, which stay byte-identical; refused while invoices are open; bad input writes nothing.
@Suite struct PrivacyErasureTests {
    static let password = "correct horse battery"

    /// Every (table.column) of a text-like type whose value contains `needle` (case-insensitive).
    static func occurrences(of needle: String, in db: PostgresConnection) throws -> Set<String> {
        let columns = try db.query(
            """
            SELECT c.table_name::text AS t, c.column_name::text AS c FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
                AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
            """)
        var found: Set<String> = []
        for column in columns {
            let table = try column.string("t")
            let name = try column.string("c")
            let query = PostgresQuery(
                "SELECT count(*)::bigint AS n FROM " + PostgresQuery.quoteIdentifier(table) + " WHERE strpos(lower("
                    + PostgresQuery.quoteIdentifier(name) + "::text), $1) > 0", [needle.lowercased()])
            if try db.query(query)[0].int("n") > 0 { found.insert("\(table).\(name)") }
        }
        return found
    }

    static func invoiceSnapshot(_ db: PostgresConnection, company: String) throws -> [String] {
        try db.query(
            """
            SELECT to_jsonb(i)::text AS row FROM invoices i WHERE company_id = \(company)::uuid
            UNION ALL SELECT to_jsonb(l)::text FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                WHERE i.company_id = \(company)::uuid
            UNION ALL SELECT encode(d.sha256, 'hex') || encode(d.content, 'base64') FROM invoice_documents d
                JOIN invoices i ON i.id = d.invoice_id WHERE i.company_id = \(company)::uuid
            ORDER BY 1
            """
        ).map { try $0.string("row") }
    }

    @Test func afterErasureSignInIsImpossibleAndOnlyTheRetainedInvoicesHoldTheAddress() throws {
        let (harness, client, email) = try PrivacyExportTests.seeded()
        let db = harness.database.connect()
        #expect(client.send("GET", "/api/v1/me/export").status == .ok)  // an export (audit, mail) to erase too
        let company = try db.query(
            "SELECT company_id::text AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = \(email)"
        )[0].string("id")
        let invoice = try db.query("SELECT id::text AS id, number FROM invoices WHERE company_id = \(company)::uuid")[0]
        #expect(
            try InvoiceStore(connection: db).storeDocument(
                invoiceID: invoice.string("id"), kind: .xml, bytes: Array("<Invoice>\(email)</Invoice>".utf8)))
        let before = try Self.invoiceSnapshot(db, company: company)
        #expect(try Self.occurrences(of: email, in: db).count > 3, "the seeded data mentions the address")

        let response = client.send("POST", "/api/v1/me/erase", json: ["password": .string(Self.password)])
        #expect(response.status == .ok, "\(response.json)")
        #expect(response.json["kept"]?[0]?["numbers"]?[0]?.stringValue == (try invoice.string("number")))
        #expect((response.json["erased"]?["sessions"]?.intValue ?? 0) >= 1)

        // Only the retained invoice (its buyer snapshot) still holds the address; its documents are bytea.
        // (Searched before the sign-in attempt below, which itself records the typed address for a day.)
        let left = try Self.occurrences(of: email, in: db)
        #expect(left == ["invoices.buyer"], "\(left)")
        let name = try Self.occurrences(of: "Jolanda Quetschke", in: db)
        #expect(name.isEmpty, "\(name)")
        // Nobody signs in with the address any more; the old session is gone.
        let again = TestClient(harness.application)
        #expect(
            again.send(
                "POST", "/api/v1/auth/login", json: ["email": .string(email), "password": .string(Self.password)]
            )
            .status == .unauthorized)
        #expect(client.send("GET", "/api/v1/me").status == .unauthorized)
        #expect(try Self.invoiceSnapshot(db, company: company) == before, "invoices, lines, documents unaltered")
        let record = try db.query(
            "SELECT scope, requested_via FROM erasure_records WHERE company_id = \(company)::uuid")
        #expect(
            try record.count == 1 && record[0].string("scope") == "company"
                && record[0].string("requested_via") == "self")
        #expect(
            try db.query("SELECT erased_at IS NOT NULL AS e FROM companies WHERE id = \(company)::uuid")[0].bool("e"))
    }

    @Test func openInvoicesBlockTheErasureAndNothingIsWritten() throws {
        let harness = try BillingHarness()
        let email = "open-\(UInt32.random(in: 0...UInt32.max))@example.com"
        let client = harness.buyer(email)
        let db = harness.database.connect()
        let company = try db.query(
            "SELECT company_id::text AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = \(email)"
        )[0].string("id")
        try db.execute(
            "UPDATE companies SET street = 'Hauptstr. 1', postal_code = '10115', city = 'Berlin' WHERE id = \(company)::uuid"
        )
        var draft = RetentionInvoiceTests.draft(companyID: company, issueDate: PrivacyExportTests.today())
        draft.payment = nil
        let open = try db.transaction { try InvoiceStore(connection: $0).issue(draft) }
        let response = client.send("POST", "/api/v1/me/erase", json: ["password": .string(Self.password)])
        #expect(response.status == .conflict)
        #expect(response.json["type"]?.stringValue == ErasureRefusal.blockedType)
        #expect(response.json["open_invoices"]?[0]?.stringValue == open.number)
        #expect(try db.query("SELECT count(*)::bigint AS n FROM erasure_records")[0].int("n") == 0)
        #expect(try db.query("SELECT count(*)::bigint AS n FROM users WHERE email = \(email)")[0].int("n") == 1)
        #expect(client.send("GET", "/api/v1/me").status == .ok, "still signed in")
    }

    @Test func aWrongOrMissingPasswordErasesNothing() throws {
        let harness = try BillingHarness()
        let email = "wrong-\(UInt32.random(in: 0...UInt32.max))@example.com"
        let client = harness.buyer(email)
        let wrong = client.send("POST", "/api/v1/me/erase", json: ["password": "not my password"])
        #expect(wrong.status == .unprocessableContent)
        #expect(wrong.json["errors"]?[0]?["code"]?.stringValue == "wrong_password")
        let missing = client.send("POST", "/api/v1/me/erase", json: [:])
        #expect(missing.status == .unprocessableContent)
        #expect(missing.json["errors"]?[0]?["field"]?.stringValue == "password")
        let db = harness.database.connect()
        #expect(try db.query("SELECT count(*)::bigint AS n FROM erasure_records")[0].int("n") == 0)
        #expect(try db.query("SELECT count(*)::bigint AS n FROM users WHERE email = \(email)")[0].int("n") == 1)
        #expect(client.send("GET", "/api/v1/me").status == .ok)
    }

    @Test func anAdminErasesACompanyOnce() throws {
        let harness = try BillingHarness()
        let email = "admin-erase-\(UInt32.random(in: 0...UInt32.max))@example.com"
        let client = harness.buyer(email)
        let db = harness.database.connect()
        let company = try db.query(
            "SELECT company_id::text AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = \(email)"
        )[0].string("id")
        #expect(client.send("POST", "/api/v1/admin/companies/\(company)/erase").status == .forbidden)
        // Stripe events kept verbatim (sql/0194) that name the buyer with JSON escapes, and one that does not.
        let events = StripeEventStore(connection: db)
        let escaped = email.replacingOccurrences(of: "@", with: "\\u0040").replacingOccurrences(
            of: "e", with: "\\u0065")
        for (id, mention) in [("evt_erase_mail", escaped), ("evt_erase_company", company), ("evt_erase_other", "x")] {
            #expect(
                try events.insertIfNew(
                    id: id, type: "checkout.session.completed", livemode: false, apiVersion: nil,
                    createdUnix: 1_764_000_000, payload: #"{"id":"\#(id)","data":{"object":{"m":"\#(mention)"}}}"#))
            try events.markProcessed(id: id, outcome: "fulfilled")
        }
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin",
            email: "admin-\(UInt32.random(in: 0...UInt32.max))@codezero.example")
        let erased = admin.send("POST", "/api/v1/admin/companies/\(company)/erase")
        #expect(erased.status == .ok, "\(erased.json)")
        #expect(admin.send("POST", "/api/v1/admin/companies/\(company)/erase").status == .conflict)
        #expect(
            admin.send("POST", "/api/v1/admin/companies/\(UUID().uuidString.lowercased())/erase").status == .notFound)
        #expect(admin.send("POST", "/api/v1/admin/companies/not-a-uuid/erase").status == .notFound)
        #expect(try Self.occurrences(of: email, in: db).isEmpty)
        let payloads = try db.query(
            "SELECT id, payload::text AS p FROM stripe_events WHERE id LIKE 'evt_erase_%' ORDER BY id")
        #expect(
            try payloads.map { "\(try $0.string("id")) \(try $0.string("p"))" } == [
                "evt_erase_company {}", "evt_erase_mail {}",
                #"evt_erase_other {"id":"evt_erase_other","data":{"object":{"m":"x"}}}"#,
            ])
        #expect(client.send("GET", "/api/v1/me").status == .unauthorized)
        #expect(
            try db.query("SELECT requested_via FROM erasure_records WHERE company_id = \(company)::uuid")[0].string(
                "requested_via") == "admin")
    }
}
