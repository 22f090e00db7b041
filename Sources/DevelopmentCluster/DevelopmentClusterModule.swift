/// # DevelopmentCluster
///
/// A private PostgreSQL cluster in a directory, run with the server's own programs (`initdb`, `pg_ctl`,
/// `pg_basebackup`): the development database under `$CODEZERO_VAR/postgres` (`codezero db …`) and the tests'
/// throwaway clusters. Never used in production, where `DATABASE_URL` names the server.
///
/// - ``EmbeddedCluster``: start/stop (idempotent, stale lock files removed), backup and point-in-time restore.
/// - `ProcessRunner` (spawn and capture) and `FileSystem` (POSIX file calls), built on `SystemCalls`.
///
/// ```swift
/// let cluster = EmbeddedCluster(directory: varDirectory + "/postgres")
/// try cluster.start()  // initdb on first use; idempotent
/// let connection = PostgresConnection(cluster.connectionString)
/// ```
///
/// Imports `Postgres` (errors, readiness) and `SystemCalls`; no C module.
enum DevelopmentClusterModule {}
