import Jobs
import Postgres
import TestSupport
import Testing

/// The queue against a real PostgreSQL: transactions, SKIP LOCKED, backoff, dead jobs, leases.
@Suite struct JobQueueTests {
    struct Rollback: Error {}

    @Test func enqueueInARolledBackTransactionLeavesNothing() throws {
        let fixture = try JobsFixture()
        let listener = fixture.database.connect()
        try listener.listen(JobQueue.channel)
        #expect(throws: Rollback.self) {
            try fixture.connection.transaction { transaction in
                let id = try fixture.queue.enqueue(NewJob(kind: "mail.send"), on: transaction)
                #expect(id != nil)
                throw Rollback()
            }
        }
        #expect(try fixture.count("SELECT count(*) FROM jobs") == 0)
        #expect(try listener.waitForNotifications(timeout: 0.2).isEmpty)

        let id = try fixture.connection.transaction { transaction in
            let id = try fixture.queue.enqueue(NewJob(kind: "mail.send", payload: #"{"to": 7}"#), on: transaction)
            #expect(try listener.waitForNotifications(timeout: 0.1).isEmpty)  // not before commit
            return id
        }
        #expect(try listener.waitForNotifications(timeout: 2).map(\.payload) == ["mail.send"])
        let record = try fixture.record(try #require(id))
        #expect(record.kind == "mail.send" && record.payload == #"{"to": 7}"# && record.state == .queued)
        #expect(record.snapshot.attempts == 0 && record.snapshot.maxAttempts == 10)
    }

    @Test func aDedupeKeyEnqueuesOnce() throws {
        let fixture = try JobsFixture()
        let job = NewJob(kind: "stripe.event", payload: #"{"id": "evt_1"}"#, dedupeKey: "evt_1")
        let first = try fixture.queue.enqueue(job, on: fixture.connection)
        let second = try fixture.queue.enqueue(job, on: fixture.connection)
        #expect(first != nil && second == nil)
        #expect(
            try fixture.queue.enqueue(NewJob(kind: "stripe.event", dedupeKey: "evt_2"), on: fixture.connection) != nil)
        #expect(try fixture.count("SELECT count(*) FROM jobs") == 2)
        #expect(try fixture.record(try #require(first)).dedupeKey == "evt_1")
    }

    @Test(arguments: [
        NewJob(kind: ""), NewJob(kind: "Upper"), NewJob(kind: "has space"), NewJob(kind: "_leading"),
        NewJob(kind: String(repeating: "a", count: 101)), NewJob(kind: "ok", maxAttempts: 0),
        NewJob(kind: "ok", maxAttempts: 1001), NewJob(kind: "ok", delay: .seconds(-1)),
    ])
    func invalidJobsAreRefusedBeforeTheDatabase(job: NewJob) throws {
        #expect(throws: JobsError.self) { try job.validate() }
    }

    @Test func invalidJSONIsRefusedByTheTable() throws {
        let fixture = try JobsFixture()
        let error = try #require(throws: PostgresError.self) {
            try fixture.queue.enqueue(NewJob(kind: "ok", payload: "{not json"), on: fixture.connection)
        }
        #expect(error.sqlState == "22P02")
    }

    @Test func concurrentClaimersNeverGetTheSameJob() throws {
        let fixture = try JobsFixture()
        let total = 200
        try fixture.connection.transaction { transaction in
            for number in 0..<total {
                try fixture.queue.enqueue(NewJob(kind: "work", payload: #"{"n": \#(number)}"#), on: transaction)
            }
        }
        let database = fixture.database
        let queue = fixture.queue
        let results = TestThreads.run(count: 4) { index in
            let connection = database.connect()
            var ids: [Int64] = []
            while true {
                let claimed = try queue.claim(limit: 3, worker: "w\(index)", lease: .seconds(60), on: connection)
                if claimed.isEmpty { return ids }
                #expect(claimed.allSatisfy { $0.attempt == 1 && $0.worker == "w\(index)" })
                ids += claimed.map(\.id)
            }
        }
        let perWorker = try results.map { try $0.get() }
        let all = perWorker.flatMap { $0 }
        #expect(all.count == total)
        #expect(Set(all).count == total)
        #expect(perWorker.filter { !$0.isEmpty }.count >= 2)  // they really ran side by side
        #expect(try fixture.count("SELECT count(*) FROM jobs WHERE state = 'running' AND attempts = 1") == total)
    }

    @Test func aClaimSkipsRowsAnotherClaimerHasLockedInsteadOfWaiting() throws {
        let fixture = try JobsFixture()
        let first = try #require(try fixture.queue.enqueue(NewJob(kind: "work"), on: fixture.connection))
        let second = try #require(try fixture.queue.enqueue(NewJob(kind: "work"), on: fixture.connection))
        let other = fixture.database.connect()
        try other.execute("SET lock_timeout = '2s'")  // waiting instead of skipping would fail here
        try fixture.connection.transaction { transaction in
            let mine = try fixture.queue.claim(worker: "a", lease: .seconds(60), on: transaction)
            #expect(mine.map(\.id) == [first])
            let theirs = try fixture.queue.claim(limit: 5, worker: "b", lease: .seconds(60), on: other)
            #expect(theirs.map(\.id) == [second])
        }
    }

    @Test(arguments: [("", Duration.seconds(1)), ("w", .zero), ("w", .seconds(-1))])
    func aClaimNeedsAWorkerAndALease(worker: String, lease: Duration) throws {
        let fixture = try JobsFixture()
        try fixture.queue.enqueue(NewJob(kind: "work"), on: fixture.connection)
        #expect(throws: JobsError.self) {
            try fixture.queue.claim(worker: worker, lease: lease, on: fixture.connection)
        }
        #expect(try fixture.count("SELECT count(*) FROM jobs WHERE state = 'queued'") == 1)
    }

    @Test func aDelayedJobIsNotClaimedEarly() throws {
        let fixture = try JobsFixture()
        try fixture.queue.enqueue(NewJob(kind: "later", delay: .seconds(3600)), on: fixture.connection)
        #expect(try fixture.queue.claim(worker: "w", lease: .seconds(60), on: fixture.connection).isEmpty)
        let wait = try #require(try fixture.queue.timeUntilNextDue(on: fixture.connection))
        #expect(wait > .seconds(3590) && wait <= .seconds(3600))
        try fixture.makeQueuedJobsDue()
        #expect(try fixture.queue.claim(worker: "w", lease: .seconds(60), on: fixture.connection).count == 1)
        #expect(try fixture.queue.timeUntilNextDue(on: JobsFixture().connection) == nil)
    }

    @Test func failuresBackOffExponentiallyThenTheJobIsDeadWithItsError() throws {
        let fixture = try JobsFixture()
        let id = try #require(try fixture.queue.enqueue(NewJob(kind: "flaky", maxAttempts: 3), on: fixture.connection))
        var delays: [Duration] = []
        for attempt in 1...3 {
            let job = try #require(
                try fixture.queue.claim(worker: "w", lease: .seconds(60), on: fixture.connection).first)
            #expect(job.id == id && job.attempt == attempt)
            #expect(job.previousError == (attempt == 1 ? nil : "failure \(attempt - 1)"))
            let outcome = try fixture.queue.fail(job, error: "failure \(attempt)", on: fixture.connection)
            let record = try fixture.record(id)
            #expect(record.snapshot.lastError == "failure \(attempt)")
            if attempt < 3 {
                #expect(outcome.state == .queued && record.state == .queued)
                // run_at was computed from the same transaction's now() that updated_at holds.
                delays.append(record.updatedAt.duration(to: record.snapshot.runAt))
                #expect(outcome.retryDelay == delays.last)
                #expect(try fixture.queue.claim(worker: "w", lease: .seconds(60), on: fixture.connection).isEmpty)
                try fixture.makeQueuedJobsDue()
            } else {
                #expect(outcome.state == .dead && record.state == .dead)
                #expect(record.snapshot.finishedAt != nil && record.snapshot.lockedBy == nil)
            }
        }
        #expect(delays == [.seconds(10), .seconds(20)])
        let dead = try fixture.queue.deadJobs(on: fixture.connection)
        #expect(dead.map(\.id) == [id] && dead.first?.snapshot.lastError == "failure 3")
        let stats = try fixture.queue.stats(on: fixture.connection)
        #expect(stats.total[.dead] == 1 && stats.total.retries == 2 && stats.byKind["flaky"]?[.dead] == 1)
    }

    @Test func aRequeuedDeadJobRunsAgainWithFreshAttempts() throws {
        let fixture = try JobsFixture()
        let id = try #require(try fixture.queue.enqueue(NewJob(kind: "once", maxAttempts: 1), on: fixture.connection))
        let job = try #require(try fixture.queue.claim(worker: "w", lease: .seconds(60), on: fixture.connection).first)
        #expect(try fixture.queue.fail(job, error: "broken", on: fixture.connection).state == .dead)
        #expect(try fixture.queue.requeue(id: id + 1000, on: fixture.connection) == nil)
        #expect(try fixture.queue.requeue(id: id, on: fixture.connection)?.state == .queued)
        let again = try #require(
            try fixture.queue.claim(worker: "w", lease: .seconds(60), on: fixture.connection).first)
        #expect(again.attempt == 1 && again.previousError == "broken")
        try fixture.queue.perform(again, on: fixture.connection) { _ in }
        let record = try fixture.record(id)
        #expect(record.state == .done && record.snapshot.lastError == "broken")
        let notDead = try #require(throws: JobsError.self) { try fixture.queue.requeue(id: id, on: fixture.connection) }
        guard case .rejected(let rejectedID, _) = notDead else { Issue.record("unexpected \(notDead)"); return }
        #expect(rejectedID == id)
    }

    @Test func theClaimStoresTheLeaseExactly() throws {
        let fixture = try JobsFixture()
        try fixture.queue.enqueue(NewJob(kind: "lease"), on: fixture.connection)
        let job = try #require(
            try fixture.queue.claim(worker: "w", lease: .milliseconds(300_123), on: fixture.connection).first)
        #expect(job.claimedAt.duration(to: try #require(job.leaseExpiresAt)) == .microseconds(300_123_000))
        #expect(try fixture.record(job.id).snapshot == job.snapshot)
    }
}
