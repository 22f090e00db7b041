public import DevelopmentCluster
import Logging
import Postgres
import Storage

extension TestDatabase {
    /// A new database on `cluster` (e.g. a dedicated one a test restarts) with the repository's `sql/`
    /// migrations applied. Slower than ``makeMigrated()``, which copies a template on the shared cluster.
    public static func makeMigrated(on cluster: EmbeddedCluster) throws -> TestDatabase {
        let database = try make(on: cluster)
        let connection = database.connect()
        defer { connection.close() }
        var logger = Logger(label: "codezero.test-support")
        logger.logLevel = .warning
        do {
            try Migrator(directory: MigratedTemplate.repositorySQLDirectory, logger: logger).migrate(connection)
        } catch {
            throw TestSupportError("migrating test database \(database.name) failed: \(String(reflecting: error))")
        }
        return database
    }
}
