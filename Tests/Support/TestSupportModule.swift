/// # TestSupport
///
/// Helpers for tests; production code never imports this module.
///
/// - ``TestCluster``: one throwaway PostgreSQL cluster per test process (created on first use in a
///   fresh `codezero-pg-*` directory under `/dev/shm` or `/tmp`, stopped and removed at process
///   exit), and dedicated clusters for tests that stop or restart their server.
/// - ``TestDatabase``: a fresh database on the shared cluster for each test, so tests that run in
///   parallel never see each other's rows: empty (`make()`), or with the repository's `sql/`
///   migrations applied (`makeMigrated()`, copied from a template database migrated once).
/// - ``TestThreads``: run blocking work on real threads at the same moment.
///
/// When a cluster cannot be created (PostgreSQL not installed, ...), these throw
/// ``TestSupportError``, which fails the test with the reason; they never skip.
enum TestSupportModule {}
