public import Domain
public import Postgres

/// Reads the catalog (`catalog_packages`, `catalog_addons` of migration 0002, `billing_products` of 0001)
/// and its version counter, which every change to the catalog tables increments.
public struct CatalogStore {
    let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The whole catalog (active and inactive items; pricing refuses inactive ones) and its version, read in one
    /// repeatable-read snapshot so both belong together — or, inside the caller's transaction (a job's), in that one.
    public func load() throws -> (catalog: Catalog, version: Int) {
        if connection.isInTransaction { return try read(connection) }
        return try connection.transaction(isolation: .repeatableRead) { connection in try read(connection) }
    }

    private func read(_ connection: PostgresConnection) throws -> (catalog: Catalog, version: Int) {
        let version = try connection.query("SELECT version FROM catalog_version")[0].int("version")
        let packages = try connection.query(
            """
            SELECT id, name_de, name_en, description_de, description_en, net_cents, currency, "interval", active
            FROM catalog_packages ORDER BY sort, id
            """
        ).map { row in
            BasePackage(
                id: try row.string("id"), name: try Self.text(row, "name"),
                description: try Self.text(row, "description"),
                net: Money(
                    cents: try row.int("net_cents"), currency: try Currency(code: try row.string("currency"))),
                interval: try Self.interval(row), isActive: try row.bool("active"))
        }
        let addons = try connection.query(
            """
            SELECT id, name_de, name_en, description_de, description_en, net_cents, currency, "interval",
                max_quantity, active
            FROM catalog_addons ORDER BY sort, id
            """
        ).map { row in
            Addon(
                id: try row.string("id"), name: try Self.text(row, "name"),
                description: try Self.text(row, "description"),
                net: Money(
                    cents: try row.int("net_cents"), currency: try Currency(code: try row.string("currency"))),
                interval: try Self.interval(row), maxQuantity: try row.int("max_quantity"),
                isActive: try row.bool("active"))
        }
        let products = try connection.query(
            "SELECT id, credits, net_cents, currency, name_de, name_en, active FROM billing_products ORDER BY sort, id"
        ).map { try CreditProductStore.record($0).product }
        return (try Catalog(packages: packages, addons: addons, creditProducts: products), version)
    }

    static func text(_ row: PostgresRow, _ stem: String) throws -> LocalizedText {
        LocalizedText(de: try row.string(stem + "_de"), en: try row.string(stem + "_en"))
    }

    static func interval(_ row: PostgresRow) throws -> BillingInterval {
        let text = try row.string("interval")
        guard let interval = BillingInterval(rawValue: text) else {
            throw PostgresError(code: .typeMismatch, message: "unknown billing interval '\(text)'")
        }
        return interval
    }
}
