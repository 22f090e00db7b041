import Jobs
import Testing

/// The lifecycle as a table: (snapshot, event, now) → (snapshot, actions), with fixed instants.
@Suite struct JobLifecycleTests {
    static let t0 = JobInstant(microsecondsSinceEpoch: 1_767_225_600_000_000)
    static let lifecycle = JobLifecycle(
        retry: RetryPolicy(base: .seconds(10), maximum: .seconds(80), jitterFraction: 0.2), jitter: .none)

    static func running(
        attempt: Int, of maxAttempts: Int, leaseEnd: JobInstant = t0.advanced(by: .seconds(30))
    )
        -> JobSnapshot
    {
        JobSnapshot(
            state: .running, attempts: attempt, maxAttempts: maxAttempts, runAt: t0.advanced(by: .seconds(-60)),
            lockedBy: "w1", lockedUntil: leaseEnd)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var job: JobSnapshot
        var event: JobEvent
        var now: JobInstant = JobLifecycleTests.t0
        var expected: JobSnapshot?  // nil: rejected, unchanged
        var actions: [JobAction]?  // nil: only check that it was rejected
        var testDescription: String { name }
    }

    static let queued = JobSnapshot(maxAttempts: 3, runAt: t0)

    static let cases: [Case] = {
        let t0 = JobLifecycleTests.t0
        var claimed = queued
        claimed.state = .running
        claimed.attempts = 1
        claimed.lockedBy = "w1"
        claimed.lockedUntil = t0.advanced(by: .seconds(30))

        func retried(_ job: JobSnapshot, after delay: Duration, error: String) -> JobSnapshot {
            var next = job
            next.state = .queued
            next.lockedBy = nil
            next.lockedUntil = nil
            next.runAt = t0.advanced(by: delay)
            next.lastError = error
            return next
        }
        func buried(_ job: JobSnapshot, error: String) -> JobSnapshot {
            var next = job
            next.state = .dead
            next.lockedBy = nil
            next.lockedUntil = nil
            next.lastError = error
            next.finishedAt = t0
            return next
        }
        var done = running(attempt: 1, of: 3)
        done.state = .done
        done.lockedBy = nil
        done.lockedUntil = nil
        done.finishedAt = t0
        let dead = buried(running(attempt: 3, of: 3), error: "boom")
        var requeued = dead
        requeued.state = .queued
        requeued.attempts = 0
        requeued.runAt = t0
        requeued.finishedAt = nil
        let expiredLease = t0.advanced(by: .seconds(-1))
        let leaseError = "lease expired: worker w1 did not finish attempt 1"

        return [
            Case(
                name: "a due job is claimed with a lease", job: queued,
                event: .claimed(worker: "w1", lease: .seconds(30)),
                expected: claimed, actions: [.store]),
            Case(
                name: "a job is not claimed before its run_at", job: queued,
                event: .claimed(worker: "w1", lease: .seconds(30)),
                now: t0.advanced(by: .microseconds(-1))),
            Case(name: "a claim needs a lease", job: queued, event: .claimed(worker: "w1", lease: .zero)),
            Case(
                name: "success finishes the job", job: running(attempt: 1, of: 3), event: .succeeded, expected: done,
                actions: [.store]),
            Case(
                name: "first failure retries after the base delay", job: running(attempt: 1, of: 3),
                event: .failed(error: "boom"),
                expected: retried(running(attempt: 1, of: 3), after: .seconds(10), error: "boom"),
                actions: [.store, .scheduleRetry(delay: .seconds(10))]),
            Case(
                name: "second failure doubles the delay", job: running(attempt: 2, of: 3),
                event: .failed(error: "boom"),
                expected: retried(running(attempt: 2, of: 3), after: .seconds(20), error: "boom"),
                actions: [.store, .scheduleRetry(delay: .seconds(20))]),
            Case(
                name: "the delay is capped", job: running(attempt: 7, of: 10), event: .failed(error: "boom"),
                expected: retried(running(attempt: 7, of: 10), after: .seconds(80), error: "boom"),
                actions: [.store, .scheduleRetry(delay: .seconds(80))]),
            Case(
                name: "the last attempt's failure buries the job with its error", job: running(attempt: 3, of: 3),
                event: .failed(error: "boom"), expected: dead, actions: [.store, .bury(error: "boom")]),
            Case(
                name: "abandoning buries at once, attempts left or not", job: running(attempt: 1, of: 3),
                event: .abandoned(error: "no handler"),
                expected: buried(running(attempt: 1, of: 3), error: "no handler"),
                actions: [.store, .bury(error: "no handler")]),
            Case(name: "a valid lease is not expired", job: running(attempt: 1, of: 3), event: .leaseExpired),
            Case(
                name: "an expired lease counts as a failed attempt",
                job: running(attempt: 1, of: 3, leaseEnd: expiredLease),
                event: .leaseExpired,
                expected: retried(running(attempt: 1, of: 3), after: .seconds(10), error: leaseError),
                actions: [.store, .scheduleRetry(delay: .seconds(10))]),
            Case(
                name: "an expired lease on the last attempt buries the job",
                job: running(attempt: 3, of: 3, leaseEnd: expiredLease), event: .leaseExpired,
                expected: buried(
                    running(attempt: 3, of: 3), error: "lease expired: worker w1 did not finish attempt 3"),
                actions: [.store, .bury(error: "lease expired: worker w1 did not finish attempt 3")]),
            Case(
                name: "requeueing a dead job gives it fresh attempts and keeps its error", job: dead, event: .requeued,
                expected: requeued, actions: [.store]),
            Case(name: "only dead jobs are requeued", job: queued, event: .requeued),
            Case(name: "a queued job cannot succeed", job: queued, event: .succeeded),
            Case(name: "a done job cannot fail", job: done, event: .failed(error: "late")),
            Case(name: "a dead job cannot be claimed", job: dead, event: .claimed(worker: "w1", lease: .seconds(30))),
            Case(
                name: "a running job cannot be claimed twice", job: claimed,
                event: .claimed(worker: "w2", lease: .seconds(30))),
        ]
    }()

    @Test(arguments: cases) func transition(_ testCase: Case) {
        let transition = Self.lifecycle.apply(testCase.event, to: testCase.job, at: testCase.now)
        if let expected = testCase.expected {
            #expect(transition.rejection == nil)
            #expect(transition.job == expected)
            #expect(transition.actions == testCase.actions)
        } else {
            #expect(transition.rejection != nil)
            #expect(transition.job == testCase.job)
            #expect(transition.actions.count == 1)
        }
    }

    /// A whole life on a fake clock: three failed attempts, requeue, success.
    @Test func lifeOnAFakeClock() {
        var now = Self.t0
        var job = JobSnapshot(maxAttempts: 3, runAt: now)
        var delays: [Duration] = []
        for attempt in 1...3 {
            let claim = Self.lifecycle.apply(.claimed(worker: "w", lease: .seconds(60)), to: job, at: now)
            #expect(claim.job.attempts == attempt)
            let failure = Self.lifecycle.apply(.failed(error: "attempt \(attempt)"), to: claim.job, at: now)
            job = failure.job
            if job.state == .queued {
                let early = Self.lifecycle.apply(.claimed(worker: "w", lease: .seconds(60)), to: job, at: now)
                #expect(early.rejection != nil)
                delays.append(now.duration(to: job.runAt))
                now = job.runAt
            }
        }
        #expect(delays == [.seconds(10), .seconds(20)])
        #expect(job.state == .dead)
        #expect(job.lastError == "attempt 3")
        now = now.advanced(by: .seconds(3600))
        job = Self.lifecycle.apply(.requeued, to: job, at: now).job
        job = Self.lifecycle.apply(.claimed(worker: "w", lease: .seconds(60)), to: job, at: now).job
        job = Self.lifecycle.apply(.succeeded, to: job, at: now).job
        #expect(job.state == .done && job.attempts == 1 && job.finishedAt == now && job.lastError == "attempt 3")
    }

    @Test func longErrorsAreBounded() {
        let error = String(repeating: "x", count: 10_000)
        let transition = Self.lifecycle.apply(.failed(error: error), to: Self.running(attempt: 1, of: 2), at: Self.t0)
        #expect(transition.job.lastError?.count == JobLifecycle.maximumErrorLength)
        #expect(transition.job.lastError?.hasSuffix("…") == true)
    }

    @Test func jitterShortensTheDelayWithinItsBound() {
        let lifecycle = JobLifecycle(retry: RetryPolicy(base: .seconds(10), jitterFraction: 0.2), jitter: .fixed(0.5))
        let transition = lifecycle.apply(.failed(error: "e"), to: Self.running(attempt: 1, of: 3), at: Self.t0)
        #expect(transition.job.runAt == Self.t0.advanced(by: .seconds(9)))
        #expect(transition.actions == [.store, .scheduleRetry(delay: .seconds(9))])
    }
}
