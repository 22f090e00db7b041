import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// `GET /api/v1/me/export`: everything about the caller and their company, no secrets, audited, mailed,
/// rate limited.
@Suite struct PrivacyExportTests {
    static let subject = "consentsubject0123456789"

    /// A buyer who used many features (registration, a token, a failed sign-in, the contact form, the cookie
    /// banner, an order, a purchase, credits, usage, an invoice, an incident, Stripe).
    static func seeded() throws -> (BillingHarness, TestClient, String) {
        let harness = try BillingHarness()
        let email = "export-\(UInt32.random(in: 0...UInt32.max))@example.com"
        let client = harness.buyer(email)
        #expect(client.send("POST", "/api/v1/auth/tokens", json: ["name": "ci"]).status == .created)
        let stranger = TestClient(harness.application)
        stranger.send("POST", "/api/v1/auth/login", json: ["email": .string(email), "password": "wrong password!"])
        let db = harness.database.connect()
        let company = try db.query(
            "SELECT company_id::text AS id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = \(email)"
        )[0].string("id")
        try db.execute(
            """
            INSERT INTO contact_requests (name, company, email, message, language)
            VALUES ('Jolanda Quetschke', 'Firma', \(email.uppercased()), 'Bitte um Rückruf', 'de')
            """)
        try db.execute(
            "INSERT INTO consent_records (subject, version, language, purposes) VALUES (\(Self.subject), 'v1', 'de', '{}')"
        )
        try db.execute(
            """
            WITH o AS (
                INSERT INTO orders (company_id, package_id, currency, net_cents, vat_cents, amount_cents, vat_rate_bp,
                    vat_category, reverse_charge, buyer_country)
                VALUES (\(company)::uuid, 'assistant_starter', 'EUR', 1000, 190, 1190, 1900, 'S', false, 'DE') RETURNING id)
            INSERT INTO order_lines (order_id, position, item_id, kind, name_de, name_en, billing_interval,
                unit_net_cents, quantity, line_net_cents)
            SELECT id, 0, 'assistant_starter', 'package', 'Starter', 'Starter', 'one_time', 1000, 1, 1000 FROM o
            """)
        try db.execute(
            """
            INSERT INTO purchases (company_id, provider, type, product_id, currency, net_cents, vat_rate_bp, vat_cents,
                amount_cents, reverse_charge, vat_category, buyer_country)
            VALUES (\(company)::uuid, 'MOCK', 'CREDITS', (SELECT id FROM billing_products LIMIT 1), 'EUR', 699, 1900,
                133, 832, false, 'S', 'DE')
            """)
        try db.execute(
            "INSERT INTO credit_ledger (company_id, delta, reason, note) VALUES (\(company)::uuid, 5, 'adjustment', 'Kulanz')"
        )
        try db.execute(
            """
            INSERT INTO usage_daily (company_id, metric, day, quantity_milli, events)
            VALUES (\(company)::uuid, (SELECT id FROM usage_metrics LIMIT 1), current_date, 1500, 3)
            """)
        try db.execute("INSERT INTO stripe_customers (company_id, customer_id) VALUES (\(company)::uuid, 'cus_export')")
        _ = try IncidentStore(connection: db).record(
            NewIncident(
                kind: .mailFailed, dedupeKey: "export-test:\(company)", detail: "550 mailbox full", companyID: company))
        try db.execute(
            "UPDATE companies SET street = 'Hauptstr. 1', postal_code = '10115', city = 'Berlin' WHERE id = \(company)::uuid"
        )
        _ = try db.transaction {
            try InvoiceStore(connection: $0).issue(
                RetentionInvoiceTests.draft(companyID: company, issueDate: Self.today()))
        }
        return (harness, client, email)
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Berlin")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    @Test func theExportHoldsEverySectionWithoutSecretsAndIsAuditedAndMailed() throws {
        let (harness, client, email) = try Self.seeded()
        let session = try #require(client.cookie)
        client.cookie = session + "; __Host-codezero_consent_id=" + Self.subject
        let response = client.send("GET", "/api/v1/me/export")
        client.cookie = session
        #expect(response.status == .ok)
        #expect(response.headers["Content-Disposition"]?.hasPrefix("attachment") == true)
        #expect(response.headers["Cache-Control"] == "no-store")
        let json = response.json
        #expect(json["format"]?.stringValue == ExportPersonalData.format)
        for key in PersonalDataStore.sectionKeys { #expect(json[key] != nil, "section \(key) missing") }
        #expect(json["user"]?["email"]?.stringValue == email)
        #expect(json["company"]?["street"]?.stringValue == "Hauptstr. 1")
        for key in [
            "memberships", "sessions", "api_tokens", "account_links", "failed_sign_ins", "audit_log", "consent_records",
            "contact_requests", "mail", "incidents", "orders", "purchases", "credit_ledger", "invoices",
        ] {
            #expect((json[key]?.arrayValue?.count ?? 0) > 0, "section \(key) is empty")
        }
        #expect(json["usage"]?["daily"]?.arrayValue?.count == 1)
        #expect(json["stripe_customer"]?["customer_id"]?.stringValue == "cus_export")
        #expect(json["orders"]?[0]?["lines"]?.arrayValue?.count == 1)
        let invoice = try #require(json["invoices"]?[0])
        let id = try #require(invoice["id"]?.stringValue)
        #expect(invoice["links"]?["pdf"]?.stringValue == "/api/v1/invoices/\(id)/pdf")
        #expect(json["retention"]?.arrayValue?.count == RetentionSchedule.rules.count)
        let text = String(decoding: response.body, as: UTF8.self)
        for secret in ["password_hash", "scrypt$", "token_hash", "\"secret\"", "template_values"] {
            #expect(!text.contains(secret), "the export contains \(secret)")
        }
        let db = harness.database.connect()
        #expect(
            try db.query(
                """
                SELECT count(*)::bigint AS n FROM audit_log a JOIN users u ON u.id = a.actor_user_id
                WHERE a.action = 'privacy.export' AND u.email = \(email)
                """)[0].int("n") == 1)
        #expect(
            try db.query(
                "SELECT count(*)::bigint AS n FROM mail_outbox WHERE template = 'data-export' AND recipient = \(email)"
            )[0].int("n") == 1)
    }

    @Test func exportsAreLimitedAndAnsweredWithRetryAfterWritingNothing() throws {
        let harness = try BillingHarness()
        let client = harness.buyer("limited-\(UInt32.random(in: 0...UInt32.max))@example.com")
        for _ in 0..<PrivacyRoutes.exportLimit.limit {
            #expect(client.send("GET", "/api/v1/me/export").status == .ok)
        }
        let refused = client.send("GET", "/api/v1/me/export")
        #expect(refused.status == .tooManyRequests)
        #expect(refused.headers["Retry-After"] != nil)
        #expect(refused.headers["Content-Type"]?.hasPrefix("application/problem+json") == true)
        let db = harness.database.connect()
        #expect(
            try db.query("SELECT count(*)::bigint AS n FROM audit_log WHERE action = 'privacy.export'")[0].int("n")
                == PrivacyRoutes.exportLimit.limit)
        #expect(
            try db.query("SELECT count(*)::bigint AS n FROM mail_outbox WHERE template = 'data-export'")[0].int("n")
                == PrivacyRoutes.exportLimit.limit)
    }

    @Test func withoutSignInTheExportIsRefused() throws {
        let harness = try BillingHarness()
        let response = TestClient(harness.application).send("GET", "/api/v1/me/export")
        #expect(response.status == .unauthorized)
    }
}
