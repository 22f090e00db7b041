/// The job lifecycle as a pure function of (snapshot, event, now) → (snapshot, actions).
///
/// ```
/// queued ──claimed──> running ──succeeded──> done
///   ^                   │ failed / leaseExpired, attempts left: back to queued at now + backoff
///   │                   │ failed / leaseExpired on the last attempt, or abandoned: dead (error kept)
///   └────requeued───── dead
/// ```
///
/// No I/O and no clock: ``JobQueue`` reads the row and the database's `now()`, calls ``apply(_:to:at:)``
/// and stores the result guarded by the snapshot it read. Tests drive it with tables and fixed instants.
public struct JobLifecycle: Sendable {
    /// Longest error text kept in `last_error`, in characters.
    public static let maximumErrorLength = 2000

    /// The backoff between attempts.
    public var retry: RetryPolicy
    /// The source of jitter for retry delays.
    public var jitter: JobJitter

    /// Creates a lifecycle with a retry policy and a jitter source (random by default).
    public init(retry: RetryPolicy = RetryPolicy(), jitter: JobJitter = .random) {
        self.retry = retry
        self.jitter = jitter
    }

    /// Applies `event` to `job` at `now`: the next snapshot and what to do with it.
    /// An event that does not apply leaves the snapshot unchanged with a single ``JobAction/reject(reason:)``.
    public func apply(_ event: JobEvent, to job: JobSnapshot, at now: JobInstant) -> JobTransition {
        switch (job.state, event) {
        case (.queued, .claimed(let worker, let lease)):
            if job.runAt > now { return reject(job, "the job is not due until \(job.runAt)") }
            if worker.isEmpty || lease <= .zero {
                return reject(job, "a claim needs a worker name and a positive lease")
            }
            var next = job
            next.state = .running
            next.attempts += 1
            next.lockedBy = worker
            next.lockedUntil = now.advanced(by: lease)
            return JobTransition(job: next, actions: [.store])
        case (.running, .succeeded):
            var next = released(job)
            next.state = .done
            next.finishedAt = now
            return JobTransition(job: next, actions: [.store])
        case (.running, .failed(let error)):
            return failure(job, error: error, at: now)
        case (.running, .leaseExpired):
            guard let until = job.lockedUntil, until <= now else {
                return reject(job, "the lease has not expired")
            }
            let worker = job.lockedBy ?? "unknown"
            return failure(
                job, error: "lease expired: worker \(worker) did not finish attempt \(job.attempts)", at: now)
        case (.queued, .abandoned(let error)), (.running, .abandoned(let error)):
            return dead(job, error: error, at: now)
        case (.dead, .requeued):
            var next = job
            next.state = .queued
            next.attempts = 0
            next.runAt = now
            next.finishedAt = nil
            return JobTransition(job: next, actions: [.store])
        default:
            return reject(job, "\(Self.name(of: event)) does not apply to a \(job.state) job")
        }
    }

    private func failure(_ job: JobSnapshot, error: String, at now: JobInstant) -> JobTransition {
        if job.isLastAttempt { return dead(job, error: error, at: now) }
        var next = released(job)
        let delay = retry.delay(afterAttempt: job.attempts, jitterUnit: jitter.next())
        next.state = .queued
        next.runAt = now.advanced(by: delay)
        next.lastError = Self.bounded(error)
        return JobTransition(job: next, actions: [.store, .scheduleRetry(delay: delay)])
    }

    private func dead(_ job: JobSnapshot, error: String, at now: JobInstant) -> JobTransition {
        var next = released(job)
        let kept = Self.bounded(error)
        next.state = .dead
        next.lastError = kept
        next.finishedAt = now
        return JobTransition(job: next, actions: [.store, .bury(error: kept)])
    }

    private func released(_ job: JobSnapshot) -> JobSnapshot {
        var next = job
        next.lockedBy = nil
        next.lockedUntil = nil
        return next
    }

    private func reject(_ job: JobSnapshot, _ reason: String) -> JobTransition {
        JobTransition(job: job, actions: [.reject(reason: reason)])
    }

    static func bounded(_ error: String) -> String {
        let text = error.isEmpty ? "(no error message)" : error
        guard text.count > maximumErrorLength else { return text }
        return String(text.prefix(maximumErrorLength - 1)) + "…"
    }

    private static func name(of event: JobEvent) -> String {
        switch event {
        case .claimed: "claimed"
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .abandoned: "abandoned"
        case .leaseExpired: "leaseExpired"
        case .requeued: "requeued"
        }
    }
}
