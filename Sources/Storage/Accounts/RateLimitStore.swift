public import Domain
public import Foundation
public import Postgres

/// Counts requests against a ``RateLimit`` in PostgreSQL (`rate_limit_counts`): one upsert per request, exact
/// across every worker and process.
public struct RateLimitStore {
    /// The connection used.
    public let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Counts one request for `key` under `limit` at `now` and decides it.
    ///
    /// Outside a transaction the count commits asynchronously (`synchronous_commit` off for this statement's own
    /// transaction only): the counter row is locked only while the statement runs, not through a WAL flush, so
    /// concurrent requests of one account do not queue behind each other's disk writes. Every count is still
    /// exact across workers (the row lock orders them); a crash of the database server may forget the counts of
    /// its last fraction of a second, which only ever errs towards letting a request through. Inside a caller's
    /// transaction the count shares that transaction's durability.
    public func hit(_ key: String, limit: RateLimit, now: Date) throws -> RateLimit.Decision {
        let seconds = Timestamp.whole(now)
        let start = limit.windowStart(at: seconds)
        let durability =
            connection.isInTransaction ? "SELECT 1" : "SELECT set_config('synchronous_commit', 'off', true)"
        let rows = try connection.query(
            """
            WITH durability AS MATERIALIZED (\(unescaped: durability))
            INSERT INTO rate_limit_counts (key, window_start, count)
            SELECT \(String(key.prefix(200))), \(start), 1 FROM durability
            ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counts.count + 1
            RETURNING count
            """)
        return limit.decide(count: try rows[0].int("count"), at: seconds)
    }

    /// Deletes windows that ended more than a day before `now` (for the jobs process); returns how many.
    @discardableResult
    public func prune(now: Date) throws -> Int {
        let before = Timestamp.whole(now) - 86_400
        return try connection.execute("DELETE FROM rate_limit_counts WHERE window_start < \(before)")
    }
}
