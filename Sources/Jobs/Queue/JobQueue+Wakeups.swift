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

    /// Withdraws `worker`'s busy mark, then returns the transactions writing to `jobs` (or to one of the runner's
    /// feeder `tables`, ``JobRunner/feed(from:_:)``) at that moment (their virtual transaction ids, as a text array):
    /// a job or a feeder row stored without a notification was stored by one of them (see
    /// ``transactionsEnded(_:tables:on:)``). Only writers of those tables count, so unrelated long transactions never
    /// hold the runner up.
    public func markIdle(worker: String, tables: [String] = [], on connection: PostgresConnection) throws -> String {
        try connection.execute("DELETE FROM jobs_runners WHERE worker = \(worker)")
        return try connection.query(
            """
            SELECT coalesce(array_agg(virtualtransaction), '{}')::text AS writers FROM pg_locks
            WHERE locktype = 'relation' AND relation = ANY(\(Self.relations(tables))::regclass[])
                AND mode = 'RowExclusiveLock'
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """)[0].string("writers")
    }

    /// Whether every transaction of `writers` (from ``markIdle(worker:tables:on:)``, with the same `tables`) has
    /// ended, so every job or feeder row stored silently while the runner was busy is visible now.
    public func transactionsEnded(
        _ writers: String, tables: [String] = [], on connection: PostgresConnection
    ) throws -> Bool {
        if writers == "{}" { return true }
        let rows = try connection.query(
            """
            SELECT NOT EXISTS (
                SELECT 1 FROM pg_locks
                WHERE locktype = 'relation' AND relation = ANY(\(Self.relations(tables))::regclass[])
                    AND mode = 'RowExclusiveLock' AND virtualtransaction = ANY(\(writers)::text[])
            ) AS ended
            """)
        return try rows[0].bool("ended")
    }

    /// `jobs` and `tables` as a PostgreSQL array literal (table names are plain identifiers).
    static func relations(_ tables: [String]) -> String {
        "{" + (["jobs"] + tables).joined(separator: ",") + "}"
    }
}
