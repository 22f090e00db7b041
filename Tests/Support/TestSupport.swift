/// Helpers for tests: a throwaway PostgreSQL cluster and friends. Never imported by production code.
enum TestSupportModule {}
