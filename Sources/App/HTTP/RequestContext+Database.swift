public import Postgres

#if canImport(Glibc)
    import Glibc
#endif

extension RequestContext {
    /// Runs `body` with the worker's connection and adds the time spent to ``databaseNanoseconds``.
    public func timedDatabase<Value>(_ body: (PostgresConnection) throws -> Value) throws -> Value {
        var start = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        defer {
            var end = timespec()
            clock_gettime(CLOCK_MONOTONIC, &end)
            databaseNanoseconds += Int64(end.tv_sec - start.tv_sec) * 1_000_000_000 + Int64(end.tv_nsec - start.tv_nsec)
        }
        return try body(services.database)
    }
}
