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
///
/// The development cluster (`EmbeddedCluster`, initdb/pg_ctl) is the `DevelopmentCluster` module's.
///
/// ```swift
/// let connection = PostgresConnection(url)  // DATABASE_URL or the development cluster's connection string
/// let product = try connection.query("SELECT net_cents FROM billing_products WHERE id = \(id)").first
/// let cents = try product?.int("net_cents")
/// ```
///
/// Only this module imports libpq (`internal import CLibPQ`); no C type appears in its API.
enum PostgresModule {}
