import Logging
import Postgres
import Storage
import TestSupport
import Testing

/// The repository's own `sql/` directory, applied to a fresh database.
@Suite struct BillingProductsMigrationTests {
    static let repositorySQL: String = {
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Tests/StorageTests/<file>
        return components.joined(separator: "/") + "/sql"
    }()

    @Test func creditPacksAreSeededWithContractPrices() throws {
        let connection = try TestDatabase.make().connect()
        let migrator = Migrator(directory: Self.repositorySQL, logger: Logger(label: "test"))
        let applied = try migrator.migrate(connection)
        #expect(applied.first == "0001_billing_products.sql")
        #expect(try migrator.verify(connection).isUpToDate)

        let rows = try connection.query(
            "SELECT id, credits, net_cents, currency, name_de, name_en, active FROM billing_products ORDER BY sort")
        var packs: [String] = []
        for row in rows {
            #expect(try row.string("currency") == "EUR")
            #expect(try row.bool("active"))
            #expect(try !row.string("name_de").isEmpty && !row.string("name_en").isEmpty)
            packs.append("\(try row.string("id")) \(try row.int("credits"))/\(try row.int("net_cents"))")
        }
        #expect(packs == ["credits_1 1/149", "credits_5 5/699", "credits_10 10/1299", "iza_pass 2/299"])
    }

    @Test func migratedTestDatabasesStartWithTheSeededProducts() throws {
        let first = try TestDatabase.makeMigrated().connect()
        let second = try TestDatabase.makeMigrated().connect()
        try first.execute("DELETE FROM billing_products WHERE id = \("iza_pass")")
        #expect(try first.query("SELECT count(*) AS n FROM billing_products")[0].int("n") == 3)
        #expect(try second.query("SELECT count(*) AS n FROM billing_products")[0].int("n") == 4)
        let migrator = Migrator(directory: Self.repositorySQL, logger: Logger(label: "test"))
        #expect(try migrator.verify(second).isUpToDate)
    }

    @Test(arguments: [
        "INSERT INTO billing_products (id, credits, net_cents, name_de, name_en) VALUES ('x', 0, 1, 'x', 'x')",
        "INSERT INTO billing_products (id, credits, net_cents, name_de, name_en) VALUES ('x', 1, -1, 'x', 'x')",
        "INSERT INTO billing_products (id, credits, net_cents, currency, name_de, name_en) VALUES ('x', 1, 1, 'eu', 'x', 'x')",
    ])
    func constraintsRejectBadProducts(sql: String) throws {
        let connection = try TestDatabase.make().connect()
        try Migrator(directory: Self.repositorySQL, logger: Logger(label: "test")).migrate(connection)
        let error = try #require(throws: PostgresError.self) { try connection.execute(PostgresQuery(sql)) }
        #expect(error.isCheckViolation)
    }
}
