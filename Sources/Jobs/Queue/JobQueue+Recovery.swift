public import Postgres

extension JobQueue {
    /// Puts back jobs whose claimer's lease ran out (its process died or hangs): each counts as a failed
    /// attempt, so it is retried after the backoff or, after its last attempt, becomes dead. Rows still
    /// locked by a live handler's transaction are skipped. Returns what happened to each job.
    @discardableResult
    public func recoverExpiredLeases(limit: Int = 100, on connection: PostgresConnection) throws -> [JobOutcome] {
        try joiningTransaction(on: connection) { transaction in
            let rows = try transaction.query(
                """
                SELECT \(unescaped: JobRow.columns) FROM jobs
                WHERE state = 'running' AND locked_until <= now()
                ORDER BY locked_until, id LIMIT \(max(0, limit))
                FOR UPDATE SKIP LOCKED
                """)
            return try rows.map { try apply(.leaseExpired, to: JobRow($0), on: transaction) }
        }
    }

    /// How long until something is due: the earliest queued `run_at` or running lease end (zero when
    /// already due), nil when the table holds neither. The runner sleeps at most this long.
    public func timeUntilNextDue(on connection: PostgresConnection) throws -> Duration? {
        let rows = try connection.query(
            """
            SELECT \(unescaped: JobRow.micros("(SELECT min(run_at) FROM jobs WHERE state = 'queued')")) AS run_us,
                \(unescaped: JobRow.micros("(SELECT min(locked_until) FROM jobs WHERE state = 'running')")) AS lease_us,
                \(unescaped: JobRow.micros("now()")) AS now_us
            """, retryOnConnectionLoss: true)
        let row = rows[0]
        let now = try row.int("now_us")
        let next = [try row.optionalInt("run_us"), try row.optionalInt("lease_us")].compactMap { $0 }.min()
        return next.map { .microseconds(max(0, $0 - now)) }
    }
}
