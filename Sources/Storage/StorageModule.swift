/// # Storage
///
/// PostgreSQL-backed stores and the migration runner over `sql/`.
///
/// - ``Migrator`` applies `sql/NNNN_name.sql` files in order, each in its own transaction with its
///   record in `schema_migrations`, refuses changed or missing files, and is safe to run from two
///   processes at once; ``Migrator/verify(_:)`` is `serve`'s start-up check.
/// - ``StorageError`` is this module's error type.
///
/// May import: Postgres, Signing, Domain, Logging. Never imports C directly.
enum StorageModule {}
