public import DevelopmentCluster
public import Postgres

/// Where the application's database is: an external server (`DATABASE_URL`) or the embedded cluster
/// under `$CODEZERO_VAR/postgres`.
public struct DatabaseTarget: Sendable {
    /// The embedded cluster, or nil when `DATABASE_URL` names an external server.
    public let cluster: EmbeddedCluster?
    /// The libpq connection string the processes use.
    public let connectionString: String

    /// The target for `configuration`.
    public init(configuration: Configuration) {
        if let url = configuration.databaseURL {
            cluster = nil
            connectionString = url
        } else {
            // Every WAL segment is archived for point-in-time recovery (`codezero db backup`, README).
            let cluster = EmbeddedCluster(
                directory: configuration.embeddedClusterDirectory,
                settings: EmbeddedCluster.archiveSettings(directory: configuration.embeddedClusterDirectory))
            self.cluster = cluster
            connectionString = cluster.connectionString
        }
    }

    /// A new connection (connected on first use) named `application` in `pg_stat_activity`.
    public func connect(application: String) -> PostgresConnection {
        PostgresConnection(connectionString, connectTimeout: 3, applicationName: application)
    }
}
