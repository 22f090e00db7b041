/// # Postgres
///
/// Synchronous libpq access: connections that reconnect, parameterised queries, transactions,
/// errors with SQLSTATE, LISTEN/NOTIFY, and the embedded development cluster.
enum PostgresModule {}
