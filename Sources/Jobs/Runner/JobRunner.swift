public import Logging
public import Postgres

/// The `codezero jobs` loop: one thread, one connection, handlers by kind.
///
/// Each round recovers expired leases, then claims and runs due jobs one at a time: the handler runs
/// inside ``JobQueue/perform(_:on:_:)``'s transaction (its writes and the completion commit together),
/// a thrown error schedules a retry with backoff (or buries the job after its last attempt, or at
/// once for ``JobsError/permanentFailure(_:)``), and a job whose kind has no handler is dead at once.
/// While rounds find work it marks itself busy (sql/0080), so jobs queued meanwhile send no `NOTIFY`; before
/// sleeping it withdraws the mark and waits for the transactions that may have queued one silently.
/// Between rounds it sleeps until a `NOTIFY` on ``JobQueue/channel``, the next due `run_at` or lease
/// end, or ``JobRunnerConfiguration/maximumIdleWait``. A lost database connection is logged once, then
/// retried every ``JobRunnerConfiguration/reconnectDelay`` (the connection listens again by itself).
///
/// ```swift
/// let runner = JobRunner(connection: PostgresConnection(url), logger: logger)
/// runner.register("stripe.event") { job, transaction in try processEvent(job.payload, on: transaction) }
/// runner.run(shouldStop: { signals.stopRequested })
/// ```
///
/// Payloads are never logged; errors are logged and stored as their `description`, so handlers
/// should throw errors whose description carries no secrets. Not `Sendable`: one thread owns it.
public final class JobRunner {
    /// Runs one job inside the transaction that completes it (so it must not open its own). Throw to
    /// fail the attempt; throw ``JobsError/permanentFailure(_:)`` when no retry can help.
    public typealias Handler = (ClaimedJob, PostgresConnection) throws -> Void
    /// Takes rows stored elsewhere and queues their jobs, or settles rows that need no job there and then (committing
    /// it all itself, as one statement should); returns how many rows it took, with a job or without one.
    public typealias Feeder = (PostgresConnection) throws -> Int

    /// The runner's own connection (it `LISTEN`s on it; do not share it).
    public let connection: PostgresConnection
    /// The queue it claims from.
    public let queue: JobQueue
    /// Its settings.
    public let configuration: JobRunnerConfiguration
    private var logger: Logger
    private var handlers: [String: Handler] = [:]
    /// The kinds run in batches, with their largest batch (``register(_:inBatchesOf:handler:)``).
    private var batchSizes: [String: Int] = [:]
    /// What turns stored rows into jobs before a claim (``feed(from:_:)``), with the tables they read.
    private var feeders: [(table: String, feed: Feeder)] = []
    private var listening = false
    private var outage = false
    /// Until when the busy mark in `jobs_runners` holds (nil: not marked; jobs queued meanwhile notify).
    private var busyUntil: ContinuousClock.Instant?
    /// How long one busy mark lasts; it is renewed at half time while rounds keep finding work.
    static let busyMarkSeconds = 10
    /// The writers of `jobs` when the busy mark was withdrawn (``JobQueue/markIdle(worker:on:)``), until they ended.
    private var unsettled: String?

    /// Creates a runner; register handlers before ``run(shouldStop:)``.
    public init(
        connection: PostgresConnection, queue: JobQueue = JobQueue(),
        configuration: JobRunnerConfiguration = JobRunnerConfiguration(), logger: Logger
    ) {
        self.connection = connection
        self.queue = queue
        self.configuration = configuration
        self.logger = logger
        self.logger[metadataKey: "job.worker"] = "\(configuration.worker)"
    }

    /// Registers the handler for `kind` (replacing an earlier one). With `batchSize` above 1, due jobs of this kind
    /// are claimed together (up to that many) and run in ONE transaction: each job's effects and completion still
    /// commit together or not at all, and the batch pays for one commit instead of one per job. When one of them
    /// fails, the batch rolls back and its jobs run one by one (so the failing one is retried or buried as usual and
    /// the others complete once). Meant for short handlers that write the database (stored Stripe events), not for
    /// ones that mostly wait for other systems.
    public func register(_ kind: String, inBatchesOf batchSize: Int = 1, handler: @escaping Handler) {
        handlers[kind] = handler
        batchSizes[kind] = batchSize > 1 ? batchSize : nil
    }

    /// Adds a feeder: rows of `table` stored without a job (e.g. webhook events, whose ingestion then writes one row
    /// instead of two) are turned into jobs by `feeder` at the start of every round and whenever a claim finds
    /// nothing; rows it settles without a job (e.g. events of types nothing acts on) are work found all the same, so
    /// the runner stays busy while they keep arriving. Rows stored in `table` need no wake-up: a sleeping runner runs
    /// its feeders every ``JobRunnerConfiguration/feederPollInterval``, and before it sleeps it waits for the writers
    /// of `table` and feeds once more.
    public func feed(from table: String, _ feeder: @escaping Feeder) {
        feeders.append((table, feeder))
    }

    /// The kinds that have a handler, sorted.
    public var registeredKinds: [String] { handlers.keys.sorted() }

    /// Runs rounds until `shouldStop` returns true. It is checked before each job and at least every
    /// ``JobRunnerConfiguration/stopCheckInterval`` while idle; a running job is finished first.
    /// Never throws: database errors are logged and retried.
    public func run(shouldStop: () -> Bool) {
        logger.info("jobs runner started", metadata: ["job.kinds": "\(registeredKinds.joined(separator: ","))"])
        while !shouldStop() {
            do {
                try listenIfNeeded()
                let report = try runOnce(shouldStop: shouldStop)
                markRestored()
                if report.foundWork {
                    try markBusy()
                    // Busy: jobs queued meanwhile do not notify, they wait for the next round (gatherPause).
                    let full = max(report.ran, report.fed) >= configuration.maximumJobsPerRound
                    if !full && configuration.gatherPause > .zero {
                        pause(configuration.gatherPause, shouldStop: shouldStop)
                    }
                    continue
                }
                guard try settleIdle(shouldStop: shouldStop) else { continue }
                try waitForWork(shouldStop: shouldStop)
            } catch {
                record(loopError: error)
                pause(configuration.reconnectDelay, shouldStop: shouldStop)
            }
        }
        // Jobs queued from now on must notify whoever runs next.
        if busyUntil != nil {
            _ = try? queue.markIdle(worker: configuration.worker, tables: feederTables, on: connection)
        }
        logger.info("jobs runner stopped")
    }

    /// One round: recovers expired leases, then claims and runs due jobs until none is due,
    /// ``JobRunnerConfiguration/maximumJobsPerRound`` ran, or `shouldStop` returns true. For tests and
    /// for ``run(shouldStop:)``; throws when the database cannot be reached.
    @discardableResult
    public func runOnce(shouldStop: () -> Bool = { false }) throws -> JobRunReport {
        var report = JobRunReport()
        for outcome in try queue.recoverExpiredLeases(on: connection) {
            report.recovered += 1
            count(outcome, in: &report, logger: jobLogger(id: outcome.jobID, kind: outcome.kind), recovered: true)
        }
        var fed = try feedJobs()
        report.fed += fed
        while report.ran < configuration.maximumJobsPerRound && !shouldStop() {
            let claimed = try queue.claim(
                limit: 1, worker: configuration.worker, lease: configuration.lease, on: connection)
            guard let job = claimed.first else {
                // What the feeders stored since (a round works its queue off before it feeds again). They found rows
                // last time, so rows keep arriving: let them gather first (gatherPause), and the next feed and batch
                // take many at once instead of the two or three that came in during the last batch.
                // Rows settled without a job count towards the round's size too: a stream of them ends the round
                // like a stream of jobs does (the busy mark is renewed between rounds).
                if fed == 0 || report.fed >= configuration.maximumJobsPerRound { break }
                if configuration.gatherPause > .zero { pause(configuration.gatherPause, shouldStop: shouldStop) }
                fed = try feedJobs()
                report.fed += fed
                if fed == 0 { break }
                continue
            }
            report.ran += 1
            let batchSize = min(batchSizes[job.kind] ?? 1, configuration.maximumJobsPerRound - report.ran + 1)
            guard batchSize > 1 else {
                try run(job, report: &report)
                continue
            }
            let more = try queue.claim(
                limit: batchSize - 1, kind: job.kind, worker: configuration.worker, lease: configuration.lease,
                on: connection)
            report.ran += more.count
            try run(batch: [job] + more, report: &report)
        }
        return report
    }

    /// Runs every feeder; returns how many stored rows they took (with a job or settled without one).
    private func feedJobs() throws -> Int {
        var queued = 0
        for feeder in feeders { queued += try feeder.feed(connection) }
        return queued
    }

    private var feederTables: [String] { feeders.map(\.table) }

    /// Marks this runner busy (sql/0080: jobs queued meanwhile send no `NOTIFY`, which would serialise the commits
    /// of everyone queuing) or renews the mark when half of it has passed.
    private func markBusy() throws {
        let now = ContinuousClock.now
        if let busyUntil, busyUntil - now > .seconds(Self.busyMarkSeconds / 2) { return }
        try queue.markBusy(worker: configuration.worker, seconds: Self.busyMarkSeconds, on: connection)
        busyUntil = now + .seconds(Self.busyMarkSeconds)
        // A writer still open from an earlier busy time is among the writers listed when this one ends.
        unsettled = nil
    }

    /// Before sleeping: withdraws the busy mark, waits until every transaction that may have queued a job without
    /// notifying has ended, and runs one more round for what they queued. Returns true when that round found
    /// nothing (sleep now), false when there is work (keep going). While a long transaction keeps it waiting, jobs
    /// queued by others (they notify again) still run.
    private func settleIdle(shouldStop: () -> Bool) throws -> Bool {
        if busyUntil != nil {
            unsettled = try queue.markIdle(worker: configuration.worker, tables: feederTables, on: connection)
            busyUntil = nil
        }
        guard let writers = unsettled else { return true }
        var lastRound = ContinuousClock.now
        var pause = 0.002
        while !(try queue.transactionsEnded(writers, tables: feederTables, on: connection)) {
            if shouldStop() { return true }
            let notified = try notified(within: pause)
            pause = min(pause * 2, 0.2)
            if notified || ContinuousClock.now - lastRound > .milliseconds(500) {
                if try runOnce(shouldStop: shouldStop).foundWork { return false }
                lastRound = ContinuousClock.now
            }
        }
        unsettled = nil
        return try !runOnce(shouldStop: shouldStop).foundWork
    }

    /// Whether a notification arrived within `seconds`. A reconnect made since the last wait (e.g. inside a job)
    /// counts as one: notifications may have been missed, so the caller re-checks the queue at once. Throws a
    /// connection failure when the connection broke while waiting.
    private func notified(within seconds: Double) throws -> Bool {
        do {
            return !(try connection.waitForNotifications(timeout: seconds)).isEmpty
        } catch let error as PostgresError where error.isConnectionFailure && connection.isConnected {
            return true
        }
    }

    /// Sleeps until a notification arrives, the next job or lease is due, a feeder takes rows (they are polled every
    /// ``JobRunnerConfiguration/feederPollInterval``), or the idle limit passes.
    /// Returns at once when the connection was re-established since the last wait (notifications may have been
    /// missed: the next round re-checks the queue); throws a connection failure when it broke while waiting.
    public func waitForWork(shouldStop: () -> Bool = { false }) throws {
        let due = try queue.timeUntilNextDue(on: connection)
        // Due now but nothing claimable: rows locked by others (a live handler past its lease). Do not spin.
        var remaining =
            due == .zero ? configuration.stopCheckInterval : min(due ?? .seconds(86400), configuration.maximumIdleWait)
        let longestSlice =
            feeders.isEmpty
            ? configuration.stopCheckInterval : min(configuration.stopCheckInterval, configuration.feederPollInterval)
        var sinceFeeding = Duration.zero
        while remaining > .zero && !shouldStop() {
            let slice = min(remaining, longestSlice)
            if try notified(within: slice.jobSeconds) { return }
            remaining -= slice
            sinceFeeding += slice
            // What was stored for the feeders meanwhile: taken now, its jobs run in the next round.
            if !feeders.isEmpty && sinceFeeding >= configuration.feederPollInterval {
                sinceFeeding = .zero
                if try feedJobs() > 0 { return }
            }
        }
    }

    // MARK: - One job

    private func run(_ job: ClaimedJob, report: inout JobRunReport) throws {
        let logger = jobLogger(id: job.id, kind: job.kind, attempt: job.attempt)
        guard let handler = handlers[job.kind] else {
            let error = "no handler is registered for job kind \(job.kind)"
            try recordFailure(of: job, error: error, permanently: true, report: &report, logger: logger)
            return
        }
        let start = ContinuousClock.now
        do {
            try queue.perform(job, on: connection) { transaction in try handler(job, transaction) }
            report.completed += 1
            logger.info("job completed", metadata: ["job.duration_ms": "\(milliseconds(since: start))"])
        } catch JobsError.claimLost {
            report.lost += 1
            logger.warning("job no longer claimed by this worker; this attempt was not recorded")
        } catch {
            let permanent = if case JobsError.permanentFailure = error { true } else { false }
            try recordFailure(
                of: job, error: Self.describe(error), permanently: permanent, report: &report, logger: logger)
        }
    }

    /// Runs claimed jobs of one kind in one transaction (see ``register(_:inBatchesOf:handler:)``). When any of them
    /// fails the whole batch rolls back and its jobs run again one by one, each in its own transaction as usual (no
    /// savepoints: a job's writes belong to the top-level transaction, which e.g. the invoice lines' trigger checks).
    /// A connection failure ends the batch; its claims are recovered after their lease, as for a single job.
    private func run(batch jobs: [ClaimedJob], report: inout JobRunReport) throws {
        guard let handler = handlers[jobs[0].kind] else {
            for job in jobs { try run(job, report: &report) }
            return
        }
        var starts: [ContinuousClock.Instant] = []
        do {
            try connection.transaction { transaction in
                for job in jobs {
                    starts.append(ContinuousClock.now)
                    try queue.performInOpenTransaction(job, on: transaction) { try handler(job, $0) }
                }
            }
        } catch let error as PostgresError where error.isConnectionFailure {
            throw error
        } catch {
            logger.notice(
                "jobs batch rolled back; running its jobs one by one",
                metadata: [
                    "job.kind": "\(jobs[0].kind)", "jobs.count": "\(jobs.count)", "error": "\(Self.describe(error))",
                ])
            for job in jobs { try run(job, report: &report) }
            return
        }
        for (job, start) in zip(jobs, starts) {
            report.completed += 1
            jobLogger(id: job.id, kind: job.kind, attempt: job.attempt).info(
                "job completed", metadata: ["job.duration_ms": "\(milliseconds(since: start))"])
        }
    }

    /// Stores a failed attempt. When that throws a connection failure, the claim stays until its lease
    /// expires and the error reaches the loop.
    private func recordFailure(
        of job: ClaimedJob, error: String, permanently: Bool, report: inout JobRunReport, logger: Logger
    ) throws {
        do {
            let outcome = try queue.fail(job, error: error, permanently: permanently, on: connection)
            count(outcome, in: &report, logger: logger, recovered: false)
        } catch JobsError.claimLost {
            report.lost += 1
            logger.warning("job no longer claimed by this worker; this attempt was not recorded")
        }
    }

    private func count(_ outcome: JobOutcome, in report: inout JobRunReport, logger: Logger, recovered: Bool) {
        var metadata: Logger.Metadata = ["job.attempts": "\(outcome.transition.job.attempts)"]
        if let error = outcome.transition.job.lastError { metadata["job.error"] = "\(error)" }
        let subject = recovered ? "expired lease recovered" : "job failed"
        switch outcome.state {
        case .dead:
            report.dead += 1
            logger.error("\(subject); job is dead", metadata: metadata)
        default:
            report.retried += 1
            if let delay = outcome.retryDelay { metadata["job.retry_in_ms"] = "\(delay.jobMicroseconds / 1000)" }
            logger.warning("\(subject); retry scheduled", metadata: metadata)
        }
    }

    // MARK: - Connection and logging

    private func listenIfNeeded() throws {
        guard !listening else { return }
        try connection.listen(JobQueue.channel)
        listening = true
    }

    private func record(loopError error: any Error) {
        let description = Self.describe(error)
        guard (error as? PostgresError)?.isConnectionFailure == true else {
            logger.error("jobs round failed", metadata: ["error": "\(description)"])
            return
        }
        if outage {
            logger.debug("database still unreachable", metadata: ["error": "\(description)"])
        } else {
            outage = true
            logger.error("database connection lost; reconnecting", metadata: ["error": "\(description)"])
        }
    }

    private func markRestored() {
        guard outage else { return }
        outage = false
        logger.notice("database connection restored")
    }

    private func jobLogger(id: Int64, kind: String, attempt: Int? = nil) -> Logger {
        var logger = self.logger
        logger[metadataKey: "job.id"] = "\(id)"
        logger[metadataKey: "job.kind"] = "\(kind)"
        if let attempt { logger[metadataKey: "job.attempt"] = "\(attempt)" }
        return logger
    }

    private func pause(_ duration: Duration, shouldStop: () -> Bool) {
        let deadline = ContinuousClock.now + duration
        while !shouldStop() {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return }
            JobSleep.sleep(min(remaining, configuration.stopCheckInterval))
        }
    }

    private func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        (ContinuousClock.now - start).jobMicroseconds / 1000
    }

    /// The error as stored and logged: PostgresError's safe description, a permanent failure's message.
    static func describe(_ error: any Error) -> String {
        if case JobsError.permanentFailure(let message) = error { return message }
        return String(describing: error)
    }
}
