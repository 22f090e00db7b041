import Domain
import Postgres
import TestSupport
import Testing

/// `sql/0002_catalog.sql`: the seeded catalog, its constraints, the change counter with its NOTIFY, consent records.
@Suite struct CatalogMigrationTests {
    static func interval(_ text: String) throws -> BillingInterval {
        try #require(BillingInterval(rawValue: text))
    }

    /// Loads the catalog as Storage will: active or not, in `sort` order.
    static func loadCatalog(_ connection: PostgresConnection) throws -> Catalog {
        let packages = try connection.query(
            "SELECT id, name_de, name_en, description_de, description_en, net_cents, interval, active FROM catalog_packages ORDER BY sort"
        ).map { row in
            BasePackage(
                id: try row.string("id"),
                name: LocalizedText(de: try row.string("name_de"), en: try row.string("name_en")),
                description: LocalizedText(de: try row.string("description_de"), en: try row.string("description_en")),
                net: .eur(try row.int("net_cents")), interval: try interval(try row.string("interval")),
                isActive: try row.bool("active"))
        }
        let addons = try connection.query(
            "SELECT id, name_de, name_en, description_de, description_en, net_cents, interval, max_quantity, active FROM catalog_addons ORDER BY sort"
        ).map { row in
            Addon(
                id: try row.string("id"),
                name: LocalizedText(de: try row.string("name_de"), en: try row.string("name_en")),
                description: LocalizedText(de: try row.string("description_de"), en: try row.string("description_en")),
                net: .eur(try row.int("net_cents")), interval: try interval(try row.string("interval")),
                maxQuantity: try row.int("max_quantity"), isActive: try row.bool("active"))
        }
        return try Catalog(packages: packages, addons: addons)
    }

    @Test func seedIsAValidCatalogThatPricesAConfiguration() throws {
        let connection = try TestDatabase.makeMigrated().connect()
        let catalog = try Self.loadCatalog(connection)
        #expect(catalog.packages.filter(\.isActive).count >= 3)
        #expect(catalog.addons.filter(\.isActive).count >= 6)
        #expect(Set(catalog.packages.map(\.interval)) == [.oneTime, .monthly])
        #expect(Set(catalog.addons.map(\.interval)) == [.oneTime, .monthly])
        for item in catalog.packages.map(\.name) + catalog.addons.map(\.name) {
            #expect(!item.de.isEmpty && !item.en.isEmpty)
        }
        let quote = try Pricing(catalog: catalog).quote(
            package: "assistant_starter", addons: [AddonSelection(id: "extra_users", quantity: 2)], countryCode: "DE",
            vatId: nil)
        #expect(quote.netCents == 67_000 && quote.vatCents == 12_730 && quote.grossCents == 79_730)
    }

    @Test func everyChangeBumpsTheVersionAndNotifies() throws {
        let database = try TestDatabase.makeMigrated()
        let listener = database.connect()
        let writer = database.connect()
        try listener.listen("catalog_changed")
        let before = try writer.query("SELECT version FROM catalog_version")[0].int("version")
        try writer.execute("UPDATE catalog_addons SET net_cents = net_cents + 100 WHERE id = \("extra_users")")
        try writer.execute("UPDATE catalog_packages SET active = false WHERE id = \("ai_assessment")")
        let after = try writer.query("SELECT version FROM catalog_version")[0].int("version")
        #expect(after == before + 2)
        var payloads: [String] = []
        for _ in 0..<5 where payloads.count < 2 {
            payloads += try listener.waitForNotifications(timeout: 2).filter { $0.channel == "catalog_changed" }
                .map(\.payload)
        }
        #expect(payloads == ["\(before + 1)", "\(before + 2)"])
        try writer.execute("UPDATE catalog_packages SET sort = sort WHERE false")
        #expect(try writer.query("SELECT version FROM catalog_version")[0].int("version") == after + 1)
    }

    @Test(arguments: [
        "INSERT INTO catalog_addons (id, name_de, name_en, description_de, description_en, net_cents, interval, max_quantity) VALUES ('x', 'x', 'x', 'x', 'x', 1, 'monthly', 0)",
        "INSERT INTO catalog_addons (id, name_de, name_en, description_de, description_en, net_cents, interval, max_quantity) VALUES ('x', 'x', 'x', 'x', 'x', -1, 'monthly', 1)",
        "INSERT INTO catalog_packages (id, name_de, name_en, description_de, description_en, net_cents, interval) VALUES ('x', 'x', 'x', 'x', 'x', 1, 'weekly')",
        "INSERT INTO catalog_packages (id, name_de, name_en, description_de, description_en, net_cents, interval) VALUES ('X Y', 'x', 'x', 'x', 'x', 1, 'monthly')",
        "INSERT INTO catalog_packages (id, name_de, name_en, description_de, description_en, net_cents, interval) VALUES ('x', '', 'x', 'x', 'x', 1, 'monthly')",
        "INSERT INTO consent_records (subject, version, language, purposes) VALUES ('short', 'v1', 'de', '{}')",
        "INSERT INTO consent_records (subject, version, language, purposes) VALUES ('abcdefghijklmnop', 'v1', 'fr', '{}')",
    ])
    func constraintsRejectBadRows(sql: String) throws {
        let connection = try TestDatabase.makeMigrated().connect()
        let error = try #require(throws: PostgresError.self) { try connection.execute(PostgresQuery(sql)) }
        #expect(error.isCheckViolation)
    }

    @Test func packageAndAddonIdsCannotClash() throws {
        let connection = try TestDatabase.makeMigrated().connect()
        let error = try #require(throws: PostgresError.self) {
            try connection.execute(
                """
                INSERT INTO catalog_addons (id, name_de, name_en, description_de, description_en, net_cents, interval, \
                max_quantity) VALUES (\("assistant_starter"), 'x', 'x', 'x', 'x', 1, 'monthly', 1)
                """)
        }
        #expect(error.isUniqueViolation)
    }

    @Test func consentRecordsKeepVersionTimeAndPurposes() throws {
        let connection = try TestDatabase.makeMigrated().connect()
        try connection.execute(
            """
            INSERT INTO consent_records (subject, version, language, purposes) \
            VALUES (\("pseudonym_0123456789"), \("2026-12-01"), \("de"), ARRAY['statistics'])
            """)
        let row = try connection.query(
            "SELECT version, language, array_to_string(purposes, ',') AS purposes, decided_at <= now() AS past FROM consent_records"
        )[0]
        #expect(try row.string("version") == "2026-12-01" && row.string("purposes") == "statistics")
        #expect(try row.bool("past"))
    }
}
