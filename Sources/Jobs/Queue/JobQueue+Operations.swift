public import Postgres

extension JobQueue {
    /// One job by id, nil when there is none.
    public func job(id: Int64, on connection: PostgresConnection) throws -> JobRecord? {
        let rows = try connection.query("SELECT \(unescaped: JobRow.columns) FROM jobs WHERE id = \(id)")
        return try rows.first.map { try JobRow($0).record }
    }

    /// Dead jobs, most recently dead first, with their last error: what an operator looks at.
    public func deadJobs(limit: Int = 100, on connection: PostgresConnection) throws -> [JobRecord] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: JobRow.columns) FROM jobs WHERE state = 'dead'
            ORDER BY finished_at DESC, id DESC LIMIT \(max(0, limit))
            """)
        return try rows.map { try JobRow($0).record }
    }

    /// Puts a dead job back in the queue, due now, with a fresh set of attempts (its last error is kept
    /// until it succeeds or fails again). Throws ``JobsError/rejected(jobID:reason:)`` when the job is not
    /// dead; returns nil when there is no such job.
    @discardableResult
    public func requeue(id: Int64, on connection: PostgresConnection) throws -> JobOutcome? {
        try joiningTransaction(on: connection) { transaction in
            let rows = try transaction.query(
                "SELECT \(unescaped: JobRow.columns) FROM jobs WHERE id = \(id) FOR UPDATE")
            guard let first = rows.first else { return nil }
            return try apply(.requeued, to: JobRow(first), on: transaction)
        }
    }

    /// Deletes done jobs that finished more than `age` ago; returns how many. Dead jobs stay until an
    /// operator requeues them. Note that ``JobCounts/retries`` only counts the jobs still kept.
    @discardableResult
    public func pruneDone(olderThan age: Duration, on connection: PostgresConnection) throws -> Int {
        try connection.execute(
            """
            DELETE FROM jobs WHERE state = 'done'
            AND finished_at < now() - \(age.jobMicroseconds)::int8 * interval '1 microsecond'
            """)
    }

    /// Deletes done jobs that finished at or before `cutoff` (seconds since 1970; the retention job passes its
    /// own clock's cutoff); returns how many. Dead jobs stay until an operator requeues them.
    @discardableResult
    public func pruneDone(finishedAtOrBefore cutoff: Int64, on connection: PostgresConnection) throws -> Int {
        try connection.execute(
            "DELETE FROM jobs WHERE state = 'done' AND finished_at <= to_timestamp(\(Double(cutoff)))")
    }

    /// Counts by kind and state, retries, expired leases and the oldest due job's age, for `/metrics`.
    /// One aggregate over the table; keep it small with ``pruneDone(olderThan:on:)``.
    public func stats(on connection: PostgresConnection) throws -> JobQueueStats {
        let rows = try connection.query(
            """
            SELECT kind, state, count(*)::int8 AS jobs,
                coalesce(sum(greatest(attempts - 1, 0)), 0)::int8 AS retries,
                count(*) FILTER (WHERE state = 'queued' AND run_at <= now())::int8 AS due,
                count(*) FILTER (WHERE state = 'queued' AND attempts > 0)::int8 AS awaiting_retry,
                count(*) FILTER (WHERE state = 'running' AND locked_until <= now())::int8 AS expired,
                \(unescaped: JobRow.micros("now() - min(run_at) FILTER (WHERE state = 'queued' AND run_at <= now())"))
                    AS oldest_due_us
            FROM jobs GROUP BY kind, state
            """, retryOnConnectionLoss: true)
        var stats = JobQueueStats()
        for row in rows {
            guard let state = JobState(rawValue: try row.string("state")) else { continue }
            let counts = JobCounts(
                byState: [state: try row.int("jobs")], due: try row.int("due"),
                awaitingRetry: try row.int("awaiting_retry"), expiredLeases: try row.int("expired"),
                retries: try row.int("retries"))
            let kind = try row.string("kind")
            stats.byKind[kind] = (stats.byKind[kind] ?? JobCounts()).adding(counts)
            if let age = try row.optionalInt("oldest_due_us") {
                stats.oldestDueAge = max(stats.oldestDueAge ?? .zero, .microseconds(age))
            }
        }
        return stats
    }
}
