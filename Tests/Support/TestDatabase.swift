public import DevelopmentCluster
public import Postgres

/// A fresh, empty database on the shared test cluster, made for one test.
///
/// ```swift
/// @Test func storesAProduct() throws {
///     let database = try TestDatabase.make()
///     let connection = database.connect()
///     try connection.execute("CREATE TABLE t (id int)")
/// }
/// ```
public struct TestDatabase: Sendable {
    /// The database's name (unique in this process).
    public let name: String
    /// The cluster it lives on.
    public let cluster: EmbeddedCluster

    /// A libpq connection string for this database.
    public var connectionString: String { cluster.connectionString(database: name) }

    /// Creates a new database with a unique name on the shared cluster (created on first use).
    /// Throws ``TestSupportError`` when the cluster or the database cannot be created.
    public static func make() throws -> TestDatabase {
        try make(on: TestCluster.shared())
    }

    /// Creates a new database with a unique name on `cluster` (e.g. a dedicated one).
    public static func make(on cluster: EmbeddedCluster) throws -> TestDatabase {
        try make(on: cluster, template: nil)
    }

    /// Creates a new database on the shared cluster with every migration of the repository's `sql/`
    /// directory applied (copied from a template database migrated once per process).
    public static func makeMigrated() throws -> TestDatabase {
        let template = try MigratedTemplate.shared.get()
        return try make(on: template.cluster, template: template.name)
    }

    static func make(on cluster: EmbeddedCluster, template: String?) throws -> TestDatabase {
        let name = "test_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let admin = PostgresConnection(cluster.connectionString(database: "postgres"), applicationName: "test-support")
        do {
            let source = template.map { " TEMPLATE " + PostgresQuery.quoteIdentifier($0) } ?? ""
            try admin.execute("CREATE DATABASE \(identifier: name)\(unescaped: source) STRATEGY FILE_COPY")
        } catch {
            let reason = (error as? PostgresError)?.debugDescription ?? String(describing: error)
            throw TestSupportError("could not create test database \(name): \(reason)")
        }
        return TestDatabase(name: name, cluster: cluster)
    }

    /// A new connection to this database (connects on first use).
    public func connect() -> PostgresConnection {
        PostgresConnection(connectionString, applicationName: "test")
    }
}
