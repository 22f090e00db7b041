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
    public func hit(_ key: String, limit: RateLimit, now: Date) throws -> RateLimit.Decision {
        let seconds = Timestamp.whole(now)
        let start = limit.windowStart(at: seconds)
        let rows = try connection.query(
            """
            INSERT INTO rate_limit_counts (key, window_start, count) VALUES (\(String(key.prefix(200))), \(start), 1)
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
