import Domain
public import Postgres

/// Reads the credit packs (`billing_products`, migration 0001).
public struct CreditProductStore {
    let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The active products in display order. A read: retried once after a lost connection.
    public func activeProducts() throws -> [CreditProductRecord] {
        let rows = try connection.query(
            """
            SELECT id, credits, net_cents, currency, name_de, name_en, active
            FROM billing_products WHERE active ORDER BY sort, id
            """, retryOnConnectionLoss: true)
        return try rows.map(Self.record)
    }

    /// Every product, active or not, in display order (the back office's catalog page).
    public func allProducts() throws -> [CreditProductRecord] {
        let rows = try connection.query(
            """
            SELECT id, credits, net_cents, currency, name_de, name_en, active
            FROM billing_products ORDER BY sort, id
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.map(Self.record)
    }

    /// One product by id, active or not; nil when there is none.
    public func product(id: String) throws -> CreditProductRecord? {
        let rows = try connection.query(
            """
            SELECT id, credits, net_cents, currency, name_de, name_en, active
            FROM billing_products WHERE id = \(id)
            """, retryOnConnectionLoss: true)
        return try rows.first.map(Self.record)
    }

    static func record(_ row: PostgresRow) throws -> CreditProductRecord {
        let currency = try Currency(code: try row.string("currency"))
        let product = CreditProduct(
            id: try row.string("id"), credits: try row.int("credits"),
            net: Money(cents: try row.int("net_cents"), currency: currency), isActive: try row.bool("active"))
        return CreditProductRecord(
            product: product, name: LocalizedText(de: try row.string("name_de"), en: try row.string("name_en")))
    }
}
