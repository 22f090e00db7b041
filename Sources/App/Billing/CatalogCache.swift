import Domain
import Postgres
import Storage

/// The worker's copy of the catalog and the credit packs, kept in memory until PostgreSQL says it changed:
/// every write to the catalog tables or `billing_products` bumps `catalog_version` and sends
/// `NOTIFY catalog_changed`, which the worker's connection listens for. Checking costs one non-blocking read
/// of the socket, not a round trip. A lost connection (notifications missed) reloads.
final class CatalogCache {
    let connection: PostgresConnection
    private var cached: (catalog: Catalog, products: [CreditProductRecord])?
    private var listening = false

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The current catalog.
    func current() throws -> Catalog {
        try fresh().catalog
    }

    /// The active credit packs with their names, in display order.
    func products() throws -> [CreditProductRecord] {
        try fresh().products
    }

    private func fresh() throws -> (catalog: Catalog, products: [CreditProductRecord]) {
        if let cached {
            if try !changed() { return cached }
            // Forget it before reloading: a change (or a lost connection, reported only once) must not be
            // forgotten when the reload fails.
            self.cached = nil
        }
        if !listening {
            try connection.listen(Self.channel)
            listening = true
        }
        // Listen first, then read: a change committed in between is both read and notified (one extra reload).
        let catalog = try CatalogStore(connection: connection).load().catalog
        let products = try CreditProductStore(connection: connection).activeProducts()
        cached = (catalog, products)
        return (catalog, products)
    }

    /// Whether a change was notified (or may have been missed) since the last load.
    private func changed() throws -> Bool {
        do {
            return try connection.pendingNotifications().contains { $0.channel == Self.channel }
        } catch let error as PostgresError where error.isConnectionFailure {
            return true
        }
    }

    static let channel = "catalog_changed"
}
