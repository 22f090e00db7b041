import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing

/// The newest-first lists (a company's purchases, orders and subscriptions, the bearer token's purchases, the
/// finance list of all purchases, the admin list of companies) read only the rows they return, whatever the table
/// holds (sql/0195): each is an index range in the list's order, not a read and sort of every row. Rows read are
/// counted by PostgreSQL for the current transaction (`pg_stat_xact_user_tables`: heap rows fetched by index scans
/// plus rows read by sequential scans), so the check does not depend on a plan's text.
@Suite struct NewestFirstListTests {
    /// Rows above a list's own that a scan may touch: the last index entry looked at before the limit stops it.
    static let slack = 2

    /// The rows of `table` that `body`'s statements read, and its result, inside one transaction.
    static func rowsRead<Value>(
        of table: String, on connection: PostgresConnection, _ body: (PostgresConnection) throws -> Value
    ) throws -> (rows: Int, value: Value) {
        try connection.transaction { transaction in
            func counted() throws -> Int {
                try transaction.query(
                    """
                    SELECT (coalesce(sum(seq_tup_read), 0) + coalesce(sum(idx_tup_fetch), 0))::int8 AS n
                    FROM pg_stat_xact_user_tables WHERE relname = \(table)
                    """)[0].int("n")
            }
            let before = try counted()
            let value = try body(transaction)
            return (try counted() - before, value)
        }
    }

    /// Inserts `count` PAID purchases for `company`: one every half second back from 2026-12-01 (so two share each
    /// second, apart by their microseconds), and every tenth one twice at the very same instant (told apart by id).
    static func purchases(_ count: Int, company: String, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            INSERT INTO purchases (company_id, provider, provider_ref, type, product_id, status, credits_amount,
                currency, net_cents, vat_rate_bp, vat_cents, amount_cents, reverse_charge, vat_category,
                buyer_country, paid_at, created_at)
            SELECT \(company)::uuid, 'MOCK', 'cs_list_' || \(company)::text || '_' || n, 'CREDITS', 'credits_5', 'PAID',
                5, 'EUR', 699, 1900, 133, 832, false, 'S', 'DE', t, t
            FROM generate_series(1, \(count)) AS n,
                LATERAL (SELECT TIMESTAMPTZ '2026-12-01 00:00:00+00'
                    - (n - (n % 10 = 0)::int) * interval '500 milliseconds' AS t) AS at
            """)
        try connection.execute("ANALYZE purchases")
    }

    /// The ids of `table`'s rows of `company` in the intended order (the table's time, newest first, then the id).
    static func expectedOrder(
        _ table: String, company: String?, limit: Int, on connection: PostgresConnection
    ) throws -> [String] {
        try connection.query(
            """
            SELECT x.id::text AS row_id FROM \(identifier: table) AS x
            WHERE \(company)::uuid IS NULL OR x.company_id = \(company)::uuid
            ORDER BY x.created_at DESC, x.id LIMIT \(limit)
            """
        ).map { try $0.string("row_id") }
    }

    @Test func aCompanysPurchasesAreReadByTheIndexAlone() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let company = try BillingFixtures.company(connection)
        let other = try BillingFixtures.company(connection, name: "Andere AG")
        try Self.purchases(400, company: company, on: connection)
        try Self.purchases(300, company: other, on: connection)
        let expected = try Self.expectedOrder(
            "purchases", company: company, limit: PurchaseStore.listingLimit, on: connection)
        #expect(expected.count == PurchaseStore.listingLimit)

        let listing = try Self.rowsRead(of: "purchases", on: connection) {
            try PurchaseStore(connection: $0).listing(companyID: CompanyID(company))
        }
        #expect(try listing.value.map { try $0.string("id") } == expected)
        #expect(listing.rows <= expected.count + Self.slack, "the listing read \(listing.rows) purchases")

        let records = try Self.rowsRead(of: "purchases", on: connection) {
            try PurchaseStore(connection: $0).purchases(companyID: CompanyID(company))
        }
        #expect(records.value.map(\.id) == expected)
        #expect(records.rows <= expected.count + Self.slack, "the records read \(records.rows) purchases")

        let few = try Self.rowsRead(of: "purchases", on: connection) {
            try PurchaseStore(connection: $0).purchases(companyID: CompanyID(company), limit: 5)
        }
        #expect(few.value.map(\.id) == Array(expected.prefix(5)))
        #expect(few.rows <= 5 + Self.slack, "five records read \(few.rows) purchases")
    }

    @Test func aBearerTokensPurchasesAreReadByTheIndexAlone() throws {
        let fixture = try AccountsFixture()
        let account = try fixture.register("finance@firma.de")
        let creation = try APITokenStore(connection: fixture.connection).create(
            name: "list", for: account.principal(method: .session), ip: nil, now: AccountsFixture.start)
        guard case .created(let issued) = creation else { throw TestFailure("token refused") }
        let company = account.company.id.rawValue
        try Self.purchases(400, company: company, on: fixture.connection)
        let expected = try Self.expectedOrder(
            "purchases", company: company, limit: PurchaseStore.listingLimit, on: fixture.connection)

        let read = try Self.rowsRead(of: "purchases", on: fixture.connection) {
            try APITokenStore(connection: $0).resolve(
                token: issued.token, now: AccountsFixture.start, alongWith: PurchaseStore.listingOfBearerToken)
        }
        let rows = try #require(read.value).rows
        #expect(try rows.map { try $0.string("id") } == expected)
        #expect(read.rows <= expected.count + Self.slack, "the token's list read \(read.rows) purchases")
    }

    @Test func theFinanceListOfAllPurchasesReadsOnlyItsPage() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        for name in ["Erste GmbH", "Zweite AG", "Dritte KG"] {
            try Self.purchases(250, company: try BillingFixtures.company(connection, name: name), on: connection)
        }
        let expected = try Self.expectedOrder("purchases", company: nil, limit: 60, on: connection)

        let first = try Self.rowsRead(of: "purchases", on: connection) {
            try PurchaseStore(connection: $0).allPurchases(status: nil, limit: 50, offset: 0)
        }
        #expect(first.value.map(\.id) == Array(expected.prefix(50)))
        #expect(first.rows <= 50 + Self.slack, "the first page read \(first.rows) purchases")

        let second = try Self.rowsRead(of: "purchases", on: connection) {
            try PurchaseStore(connection: $0).allPurchases(status: .paid, limit: 10, offset: 50)
        }
        #expect(second.value.map(\.id) == Array(expected[50..<60]))
        #expect(second.rows <= 60 + Self.slack, "the second page read \(second.rows) purchases")
    }

    @Test func aCompanysOrdersAndSubscriptionsAreReadByTheIndexAlone() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let company = try BillingFixtures.company(connection)
        let other = try BillingFixtures.company(connection, name: "Andere AG")
        for owner in [company, other] {
            try connection.execute(
                """
                INSERT INTO orders (company_id, package_id, currency, net_cents, vat_cents, amount_cents, vat_rate_bp,
                    vat_category, reverse_charge, buyer_country, created_at)
                SELECT \(owner)::uuid, 'starter', 'EUR', 49000, 9310, 58310, 1900, 'S', false, 'DE',
                    TIMESTAMPTZ '2026-12-01 00:00:00+00' - (n - (n % 10 = 0)::int) * interval '500 milliseconds'
                FROM generate_series(1, 300) AS n
                """)
            try connection.execute(
                """
                INSERT INTO subscriptions (company_id, provider, plan_id, created_at)
                SELECT \(owner)::uuid, 'MOCK', 'starter',
                    TIMESTAMPTZ '2026-12-01 00:00:00+00' - (n - (n % 10 = 0)::int) * interval '500 milliseconds'
                FROM generate_series(1, 300) AS n
                """)
        }
        try connection.execute("ANALYZE orders")
        try connection.execute("ANALYZE subscriptions")

        let orders = try Self.rowsRead(of: "orders", on: connection) {
            try OrderStore(connection: $0).orders(companyID: CompanyID(company))
        }
        #expect(
            try orders.value.map(\.id) == Self.expectedOrder("orders", company: company, limit: 100, on: connection))
        #expect(orders.rows <= 100 + Self.slack, "the orders list read \(orders.rows) orders")

        let subscriptions = try Self.rowsRead(of: "subscriptions", on: connection) {
            try SubscriptionStore(connection: $0).subscriptions(companyID: company)
        }
        #expect(
            try subscriptions.value.map(\.id)
                == Self.expectedOrder("subscriptions", company: company, limit: 100, on: connection))
        #expect(subscriptions.rows <= 100 + Self.slack, "the subscriptions list read \(subscriptions.rows) rows")
    }

    @Test func theAdminListOfCompaniesReadsOnlyItsPage() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        try connection.execute(
            """
            INSERT INTO companies (name, country, created_at)
            SELECT 'Firma ' || n, 'DE', TIMESTAMPTZ '2026-01-01 00:00:00+00' + (n / 2) * interval '1 second'
            FROM generate_series(1, 400) AS n
            """)
        try connection.execute("ANALYZE companies")
        let expected = try connection.query(
            "SELECT c.id::text AS company_id FROM companies c ORDER BY c.created_at, c.id LIMIT 70"
        ).map { try $0.string("company_id") }

        let page = try Self.rowsRead(of: "companies", on: connection) {
            try AccountStore(connection: $0).companies(limit: 20, offset: 50)
        }
        #expect(page.value.map(\.id.rawValue) == Array(expected[50..<70]))
        #expect(page.rows <= 70 + Self.slack, "the page read \(page.rows) companies")
    }
}
