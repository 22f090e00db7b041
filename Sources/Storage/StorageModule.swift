/// # Storage
///
/// PostgreSQL-backed stores and the migration runner over `sql/`.
enum StorageModule {}
