import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// The purchases list written straight from the rows (issue #16): the same bytes as the JSON tree of the records,
/// one statement for a bearer token and the list, revocation and tenant isolation unchanged.
@Suite struct PurchaseListJSONTests {
    /// A company with purchases of every shape (NULLs, every VAT category, odd rates, text that needs escaping) and
    /// its owner's bearer token.
    static func company(_ harness: BillingHarness, email: String) throws -> (client: TestClient, token: String) {
        let client = harness.buyer(email)
        let created = client.send("POST", "/api/v1/auth/tokens", json: ["name": "list"])
        let token = try #require(created.json["token"]?.stringValue)
        let company = try #require(client.send("GET", "/api/v1/me").json["company"]?["id"]?.stringValue)
        let database = harness.database.connect()
        let suffix = String(email.prefix(4))
        try database.execute(
            """
            INSERT INTO purchases (company_id, provider, provider_ref, type, product_id, status, credits_amount,
                currency, net_cents, vat_rate_bp, vat_cents, amount_cents, reverse_charge, vat_category, buyer_country,
                buyer_vat_id, paid_at, created_at)
            VALUES
              (\(company)::uuid, 'MOCK', \("cs_\"quoted\"\\back\u{2028}ü\t" + suffix), 'CREDITS', 'credits_1', 'PAID',
               100, 'EUR', 4900, 1900, 931, 5831, false, 'S', 'DE', NULL,
               '2026-01-02 03:04:05+00', '2026-01-02 03:04:05+00'),
              (\(company)::uuid, 'STRIPE', NULL, 'IZA_PASS', 'iza_pass', 'PENDING', 0, 'EUR', 0, 750, 0, 0, true,
               'AE', 'AT', 'ATU12345678', NULL, '2026-01-03 00:00:00+00'),
              (\(company)::uuid, 'MOCK', \("cs_refunded_" + suffix), 'CREDITS', 'credits_10', 'REFUNDED', 1000,
               'EUR', 123456789012, 1925, 7, 123456789019, false, 'O', 'US', NULL,
               '2026-01-05 23:59:59+00', '2026-01-04 12:00:00+00'),
              (\(company)::uuid, 'MOCK', NULL, 'CREDITS', 'credits_5', 'FAILED', 500, 'EUR', 1, 5, 0, 1, false,
               'XX', 'DE', '', NULL, '2026-01-04 12:00:00+00')
            """)
        return (client, token)
    }

    /// The reference: the records through the JSON tree, as the list was written before.
    static func reference(_ harness: BillingHarness, of client: TestClient) throws -> [UInt8] {
        let company = try #require(client.send("GET", "/api/v1/me").json["company"]?["id"]?.stringValue)
        let records = try PurchaseStore(connection: harness.database.connect()).purchases(
            companyID: CompanyID(company))
        let tree: JSON = ["purchases": .array(records.map(PurchaseJSON.purchase))]
        return tree.serialized()
    }

    @Test(arguments: Transport.allCases) func theListHasTheBytesOfTheJSONTreeByTokenAndBySession(
        transport: Transport
    ) throws {
        let harness = try BillingHarness()
        let (client, token) = try Self.company(harness, email: "anna@example.com")
        let reference = try Self.reference(harness, of: client)
        #expect(try JSON.parse(reference)["purchases"]?.arrayValue?.count == 4)

        let api = try TestClient(harness.application, over: transport)
        api.bearer = token
        let byToken = api.send("GET", "/api/v1/billing/purchases")
        #expect(byToken.status == .ok)
        #expect(byToken.headers["Content-Type"] == "application/json")
        #expect(byToken.headers["Cache-Control"] == "private, no-store")
        #expect(String(decoding: byToken.body, as: UTF8.self) == String(decoding: reference, as: UTF8.self))
        #expect(byToken.body == reference)

        let bySession = client.send("GET", "/api/v1/billing/purchases")
        #expect(bySession.status == .ok)
        #expect(bySession.body == reference)
    }

    @Test func tokenAndListAreOneStatementThatKeepsCompaniesApart() throws {
        let harness = try BillingHarness()
        let (_, annaToken) = try Self.company(harness, email: "anna@example.com")
        let (bob, bobToken) = try Self.company(harness, email: "bob@example.com")
        let tokens = APITokenStore(connection: harness.database.connect())
        let read = PurchaseStore.listingOfBearerToken
        let anna = try #require(try tokens.resolve(token: annaToken, now: Date(), alongWith: read))
        let bobs = try #require(try tokens.resolve(token: bobToken, now: Date(), alongWith: read))
        #expect(anna.principal.companyID != bobs.principal.companyID)
        #expect(anna.principal == (try tokens.resolve(token: annaToken, now: Date())))
        #expect(anna.rows.count == 4 && bobs.rows.count == 4)
        let bobsReference = try Self.reference(harness, of: bob)
        #expect(try PurchaseJSON.list(bobs.rows) == bobsReference)
        #expect(try PurchaseJSON.list(anna.rows) != bobsReference)
        // A wrong or malformed token resolves to nothing, whatever the companion.
        #expect(
            try tokens.resolve(token: "cz_" + String(repeating: "A", count: 43), now: Date(), alongWith: read) == nil)
        #expect(try tokens.resolve(token: "nope", now: Date(), alongWith: read) == nil)
        // The token's last-used time is written as by resolve(token:now:).
        let unused = try harness.database.connect().query(
            "SELECT count(*)::int AS n FROM api_tokens WHERE last_used_at IS NULL")
        #expect(try unused[0].int("n") == 0)
    }

    @Test func aCompanyWithoutPurchasesGetsAnEmptyListAndRevocationCountsAtOnce() throws {
        let harness = try BillingHarness()
        let client = harness.buyer("carla@example.com")
        let created = client.send("POST", "/api/v1/auth/tokens", json: ["name": "list"])
        let token = try #require(created.json["token"]?.stringValue)
        let id = try #require(created.json["id"]?.stringValue)
        let api = TestClient(harness.application)
        api.bearer = token
        let empty = api.send("GET", "/api/v1/billing/purchases")
        #expect(empty.status == .ok)
        #expect(String(decoding: empty.body, as: UTF8.self) == #"{"purchases":[]}"#)
        #expect(client.send("DELETE", "/api/v1/auth/tokens/\(id)").status == .noContent)
        #expect(api.send("GET", "/api/v1/billing/purchases").status == .unauthorized)
        api.bearer = "cz_" + String(repeating: "B", count: 43)
        #expect(api.send("GET", "/api/v1/billing/purchases").status == .unauthorized)
    }

    @Test func textThatNeedsEscapingAndExtremeNumbersKeepTheTreesBytes() throws {
        let harness = try BillingHarness()
        let client = harness.buyer("dora@example.com")
        let created = client.send("POST", "/api/v1/auth/tokens", json: ["name": "list"])
        let token = try #require(created.json["token"]?.stringValue)
        let company = try #require(client.send("GET", "/api/v1/me").json["company"]?["id"]?.stringValue)
        let database = harness.database.connect()
        // Escapes at every offset of an eight-byte word, U+2028/U+2029 and look-alikes (€ is E2 82 AC), controls,
        // four-byte characters; rates that change from row to row; the largest bigint.
        let texts = [
            "\u{01}\u{1F}\r\n\u{08}\u{0C}\t\"\\", "1234567\"", "12345678\\x", "€\u{2029}€€\u{2028}\u{2027}",
            "😀 Zürich \u{7F} </script>", String(repeating: "abcdefg\u{2028}", count: 40), "",
        ]
        for (index, text) in texts.enumerated() {
            try database.execute(
                """
                INSERT INTO purchases (company_id, provider, provider_ref, type, product_id, status, credits_amount,
                    currency, net_cents, vat_rate_bp, vat_cents, amount_cents, reverse_charge, vat_category,
                    buyer_country, buyer_vat_id, paid_at, created_at)
                VALUES (\(company)::uuid, 'MOCK', \(text + "#\(index)"), 'CREDITS', 'credits_1', 'PAID', 2147483647,
                    'EUR', \(index == 0 ? 9_223_372_036_854_775_000 : index), \([0, 1, 10000, 1900, 1900, 705, 1][index]),
                    \(index == 0 ? 807 : 0), \(index == 0 ? Int.max : index), \(index % 2 == 0), \(text),
                    \(index == 3 ? "\"ü" : "DE"), \(text), now(), now() - \(index) * interval '1 hour')
                """)
        }
        let reference = try Self.reference(harness, of: client)
        #expect(try JSON.parse(reference)["purchases"]?.arrayValue?.count == texts.count)
        let api = TestClient(harness.application)
        api.bearer = token
        let byToken = api.send("GET", "/api/v1/billing/purchases")
        #expect(byToken.status == .ok)
        #expect(String(decoding: byToken.body, as: UTF8.self) == String(decoding: reference, as: UTF8.self))
        #expect(byToken.body == reference)
        #expect(client.send("GET", "/api/v1/billing/purchases").body == reference)
    }

    @Test func aListingWithoutItsColumnsIsRefused() throws {
        let rows = try TestDatabase.makeMigrated().connect().query("SELECT 1 AS id")
        #expect(throws: PurchaseListError.self) { try PurchaseJSON.list(Array(rows)) }
        #expect(try PurchaseJSON.list([]) == Array(#"{"purchases":[]}"#.utf8))
    }
}
