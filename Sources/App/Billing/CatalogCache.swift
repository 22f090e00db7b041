import Domain
import Postgres
import Storage

/// The worker's copy of the catalog: one cheap version read per use, a reload only after a change (every
/// write to the catalog tables bumps `catalog_version`).
final class CatalogCache {
    let connection: PostgresConnection
    private var cached: (catalog: Catalog, version: Int)?

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The current catalog.
    func current() throws -> Catalog {
        if let cached, try CatalogStore(connection: connection).version() == cached.version { return cached.catalog }
        let loaded = try CatalogStore(connection: connection).load()
        cached = loaded
        return loaded.catalog
    }
}
