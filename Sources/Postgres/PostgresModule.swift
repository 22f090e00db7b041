/// # Postgres
///
/// Synchronous libpq access for single-threaded processes (a FastCGI worker, the jobs loop):
///
/// - ``PostgresConnection``: connects lazily, reconnects after a server restart, runs statements
///   with bind parameters only (``PostgresQuery`` turns every interpolated value into `$n`),
///   ``PostgresConnection/transaction(isolation:_:)``, scripts for migrations, `ping` for `/readyz`,
///   and LISTEN/NOTIFY (``PostgresConnection/waitForNotifications(timeout:)``).
/// - ``PostgresRows`` / ``PostgresRow``: results with typed getters that throw instead of guessing.
/// - ``PostgresError``: code + SQLSTATE + server fields; `description` is safe to show.
/// - ``EmbeddedCluster``: the private development cluster under `$CODEZERO_VAR/postgres`
///   (`codezero db start|stop`), also used for the tests' throwaway clusters.
///
/// ```swift
/// let cluster = EmbeddedCluster(directory: varDirectory + "/postgres")
/// try cluster.start()  // initdb on first use; idempotent
/// let connection = PostgresConnection(cluster.connectionString)  // or DATABASE_URL
/// let product = try connection.query("SELECT net_cents FROM billing_products WHERE id = \(id)").first
/// let cents = try product?.int("net_cents")
/// ```
///
/// Only this module imports libpq (`internal import CLibPQ`); no C type appears in its API.
enum PostgresModule {}
