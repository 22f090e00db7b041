public import Postgres

/// The runner's side of quiet wake-ups (sql/0080): while a runner says it is busy, queuing a job sends no `NOTIFY`
/// (a notifying commit serialises every other one in PostgreSQL), so the runner must not sleep before it has
/// claimed what was queued silently.
extension JobQueue {
    /// Says `worker` is working through the queue until `seconds` from now: jobs queued meanwhile notify nobody.
    /// The table is unlogged, so this commits without waiting for the disk.
    public func markBusy(worker: String, seconds: Int, on connection: PostgresConnection) throws {
        try connection.execute(
            """
            INSERT INTO jobs_runners (worker, busy_until)
            VALUES (\(worker), clock_timestamp() + make_interval(secs => \(seconds)))
            ON CONFLICT (worker) DO UPDATE SET busy_until = excluded.busy_until
            """)
    }

    /// Withdraws `worker`'s busy mark, then returns the transactions writing to `jobs` at that moment (their
    /// virtual transaction ids, as a text array): a job queued without a notification was queued by one of them (see
    /// ``transactionsEnded(_:on:)``). Only writers of `jobs` count, so unrelated long transactions never hold the
    /// runner up.
    public func markIdle(worker: String, on connection: PostgresConnection) throws -> String {
        try connection.execute("DELETE FROM jobs_runners WHERE worker = \(worker)")
        return try connection.query(
            """
            SELECT coalesce(array_agg(virtualtransaction), '{}')::text AS writers FROM pg_locks
            WHERE locktype = 'relation' AND relation = 'jobs'::regclass AND mode = 'RowExclusiveLock'
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """)[0].string("writers")
    }

    /// Whether every transaction of `writers` (from ``markIdle(worker:on:)``) has ended, so every job queued silently
    /// while the runner was busy is visible now.
    public func transactionsEnded(_ writers: String, on connection: PostgresConnection) throws -> Bool {
        if writers == "{}" { return true }
        let rows = try connection.query(
            """
            SELECT NOT EXISTS (
                SELECT 1 FROM pg_locks
                WHERE locktype = 'relation' AND relation = 'jobs'::regclass AND mode = 'RowExclusiveLock'
                    AND virtualtransaction = ANY(\(writers)::text[])
            ) AS ended
            """)
        return try rows[0].bool("ended")
    }
}
