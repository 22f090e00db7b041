public import Postgres

/// The job queue over the `jobs` table (`sql/0004_jobs.sql`), on the caller's connection.
///
/// ```swift
/// // In the webhook's transaction: the job exists exactly when the event does.
/// try connection.transaction { transaction in
///     try events.store(event, on: transaction)
///     try queue.enqueue(NewJob(kind: "stripe.event", payload: json, dedupeKey: event.id), on: transaction)
/// }
/// // In the jobs process (JobRunner does this):
/// for job in try queue.claim(limit: 1, worker: "jobs-1", lease: .seconds(300), on: connection) {
///     try queue.perform(job, on: connection) { transaction in try fulfil(job, on: transaction) }
/// }
/// ```
///
/// Every change goes through ``JobLifecycle``: the queue reads the row under `FOR UPDATE` together
/// with the database's clock, applies the event at that instant and stores the result (and that
/// instant as `updated_at`) guarded by what it read.
/// Claims are committed before the handler runs, so a claimer that dies leaves a `running` row
/// whose lease runs out and ``recoverExpiredLeases(limit:on:)`` puts it back. Methods that change
/// several rows open their own transaction, or join the caller's when one is open.
public struct JobQueue: Sendable {
    /// The `LISTEN` channel the table's trigger notifies when a job becomes queued (payload: its kind).
    public static let channel = "codezero_jobs"

    /// The rules every change follows.
    public var lifecycle: JobLifecycle

    /// Creates a queue with the given lifecycle (default retry policy, random jitter).
    public init(lifecycle: JobLifecycle = JobLifecycle()) {
        self.lifecycle = lifecycle
    }

    /// Inserts a job on `connection`, inside the caller's transaction when one is open: it becomes
    /// visible, and the jobs process is notified, only when that transaction commits; a rollback leaves
    /// nothing behind. Returns the new id, or nil when a job with the same ``NewJob/dedupeKey`` exists.
    @discardableResult
    public func enqueue(_ job: NewJob, on connection: PostgresConnection) throws -> Int64? {
        try job.validate()
        let rows = try connection.query(
            """
            INSERT INTO jobs (kind, payload, max_attempts, run_at, dedupe_key)
            VALUES (\(job.kind), \(job.payload)::jsonb, \(job.maxAttempts),
                    now() + \(job.delay.jobMicroseconds)::int8 * interval '1 microsecond', \(job.dedupeKey))
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id
            """)
        return try rows.first.map { Int64(try $0.int("id")) }
    }

    /// Claims up to `limit` due jobs, oldest first, for `worker` with a lease of `lease`, skipping rows
    /// other claimers have locked (`FOR UPDATE SKIP LOCKED`). Outside a transaction the claim commits
    /// before this returns, which is what makes crash recovery work; run the handler afterwards.
    /// `kind` restricts the claim to jobs of that kind (the runner's batches).
    public func claim(
        limit: Int = 1, kind: String? = nil, worker: String, lease: Duration, on connection: PostgresConnection
    ) throws -> [ClaimedJob] {
        guard !worker.isEmpty, lease > .zero else {
            throw JobsError.invalidClaim("a claim needs a worker name and a positive lease")
        }
        return try joiningTransaction(on: connection) { transaction in
            let rows = try transaction.query(
                """
                SELECT \(unescaped: JobRow.columns) FROM jobs
                WHERE state = 'queued' AND run_at <= now()\(and: "kind = $::text", kind)
                ORDER BY run_at, id LIMIT \(max(0, limit))
                FOR UPDATE SKIP LOCKED
                """)
            var claimed: [ClaimedJob] = []
            for row in rows {
                let job = try JobRow(row)
                let transition = lifecycle.apply(.claimed(worker: worker, lease: lease), to: job.snapshot, at: job.now)
                if transition.rejection != nil { continue }
                try store(transition.job, for: job, on: transaction)
                claimed.append(
                    ClaimedJob(
                        id: job.id, kind: job.kind, payload: job.payload, snapshot: transition.job,
                        createdAt: job.createdAt, claimedAt: job.now))
            }
            return claimed
        }
    }

    /// Runs `body` and completes `job` in one transaction, so the handler's effects and the completion
    /// commit together or not at all. The claim is checked and the row locked first: while the
    /// transaction is open nobody recovers or re-claims the job, even past its lease. Throws
    /// ``JobsError/claimLost(jobID:attempt:)`` (nothing applied) when the claim is no longer ours,
    /// and rethrows `body`'s error after rolling back; then call ``fail(_:error:permanently:on:)``.
    /// `connection` must not be in a transaction already (transactions do not nest).
    public func perform<Value>(
        _ job: ClaimedJob, on connection: PostgresConnection, _ body: (PostgresConnection) throws -> Value
    ) throws -> Value {
        try connection.transaction { transaction in try performInOpenTransaction(job, on: transaction, body) }
    }

    /// ``perform(_:on:_:)``'s steps inside the caller's open transaction (the runner's batches, one savepoint per
    /// job): locks and checks the claim, runs `body`, completes the job.
    func performInOpenTransaction<Value>(
        _ job: ClaimedJob, on transaction: PostgresConnection, _ body: (PostgresConnection) throws -> Value
    ) throws -> Value {
        let row = try lockClaim(job, on: transaction)
        let value = try body(transaction)
        // The row stays locked by this transaction, so what lockClaim read is still the row (and now() is the
        // transaction's start either way): no second look-up. Should the handler itself have changed its job's row,
        // store's check of the state it read fails and the transaction rolls back (claim lost), as before.
        try apply(.succeeded, to: row, on: transaction)
        return value
    }

    /// Marks `job` done. Call it inside the transaction that applied the job's effects (``perform(_:on:_:)``
    /// does); throws ``JobsError/claimLost(jobID:attempt:)`` when the claim is no longer ours, which
    /// must roll that transaction back.
    public func complete(_ job: ClaimedJob, on connection: PostgresConnection) throws {
        let row = try lockClaim(job, on: connection)
        try apply(.succeeded, to: row, on: connection)
    }

    /// Records a failed attempt of `job`: back to `queued` after the backoff, or `dead` after its last
    /// attempt (or at once when `permanently`), with `error` kept in `last_error`. Call it after the
    /// handler's transaction rolled back. Throws ``JobsError/claimLost(jobID:attempt:)`` when the claim
    /// is no longer ours (nothing is changed then).
    @discardableResult
    public func fail(
        _ job: ClaimedJob, error: String, permanently: Bool = false, on connection: PostgresConnection
    ) throws -> JobOutcome {
        try joiningTransaction(on: connection) { transaction in
            let row = try lockClaim(job, on: transaction)
            let event: JobEvent = permanently ? .abandoned(error: error) : .failed(error: error)
            return try apply(event, to: row, on: transaction)
        }
    }

    // MARK: - Shared by the extensions

    /// Applies `event` to the locked `row` and stores it; a rejected event throws
    /// ``JobsError/rejected(jobID:reason:)``.
    @discardableResult
    func apply(_ event: JobEvent, to row: JobRow, on connection: PostgresConnection) throws -> JobOutcome {
        let transition = lifecycle.apply(event, to: row.snapshot, at: row.now)
        if let reason = transition.rejection { throw JobsError.rejected(jobID: row.id, reason: reason) }
        try store(transition.job, for: row, on: connection)
        return JobOutcome(jobID: row.id, kind: row.kind, transition: transition)
    }

    /// The job's row, locked, when `job`'s claim is still the current one.
    func lockClaim(_ job: ClaimedJob, on connection: PostgresConnection) throws -> JobRow {
        let rows = try connection.query(
            "SELECT \(unescaped: JobRow.columns) FROM jobs WHERE id = \(job.id) FOR UPDATE")
        guard let first = rows.first else { throw JobsError.claimLost(jobID: job.id, attempt: job.attempt) }
        let row = try JobRow(first)
        guard row.snapshot.state == .running, row.snapshot.lockedBy == job.worker, row.snapshot.attempts == job.attempt
        else { throw JobsError.claimLost(jobID: job.id, attempt: job.attempt) }
        return row
    }

    /// Writes `next` over the row, only if it still holds what `row` read.
    func store(_ next: JobSnapshot, for row: JobRow, on connection: PostgresConnection) throws {
        let expected = row.snapshot
        let epoch = JobRow.epoch
        let micro = JobRow.micro
        let runAt = next.runAt.microsecondsSinceEpoch
        let lockedUntil = next.lockedUntil?.microsecondsSinceEpoch
        let finishedAt = next.finishedAt?.microsecondsSinceEpoch
        let now = row.now.microsecondsSinceEpoch
        let changed = try connection.execute(
            """
            UPDATE jobs SET state = \(next.state.rawValue), attempts = \(next.attempts),
                run_at = \(unescaped: epoch) + \(runAt)::int8 \(unescaped: micro),
                locked_by = \(next.lockedBy),
                locked_until = \(unescaped: epoch) + \(lockedUntil)::int8 \(unescaped: micro),
                last_error = \(next.lastError),
                finished_at = \(unescaped: epoch) + \(finishedAt)::int8 \(unescaped: micro),
                updated_at = \(unescaped: epoch) + \(now)::int8 \(unescaped: micro)
            WHERE id = \(row.id) AND state = \(expected.state.rawValue) AND attempts = \(expected.attempts)
                AND locked_by IS NOT DISTINCT FROM \(expected.lockedBy)::text
            """)
        guard changed == 1 else { throw JobsError.claimLost(jobID: row.id, attempt: expected.attempts) }
    }

    /// Runs `body` in the caller's open transaction, or in a new one.
    func joiningTransaction<Value>(
        on connection: PostgresConnection, _ body: (PostgresConnection) throws -> Value
    ) throws -> Value {
        if connection.isInTransaction { return try body(connection) }
        return try connection.transaction(body)
    }
}
