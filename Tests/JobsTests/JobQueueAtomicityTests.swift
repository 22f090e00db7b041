import Jobs
import Postgres
import TestSupport
import Testing

/// Handler effects and completion commit together; lost and expired claims apply nothing.
@Suite struct JobQueueAtomicityTests {
    struct HandlerFailure: Error {}

    static func fixtureWithEffects() throws -> JobsFixture {
        let fixture = try JobsFixture()
        try fixture.connection.execute("CREATE TABLE effects (job_id bigint NOT NULL, attempt int NOT NULL)")
        return fixture
    }

    static func recordEffect(of job: ClaimedJob, on connection: PostgresConnection) throws {
        try connection.execute("INSERT INTO effects (job_id, attempt) VALUES (\(job.id), \(Int32(job.attempt)))")
    }

    @Test func aHandlerThatThrowsAfterWritingLeavesNoEffect() throws {
        let fixture = try Self.fixtureWithEffects()
        let id = try #require(try fixture.queue.enqueue(NewJob(kind: "effect"), on: fixture.connection))
        let job = try #require(try fixture.queue.claim(worker: "w", lease: .seconds(60), on: fixture.connection).first)
        #expect(throws: HandlerFailure.self) {
            try fixture.queue.perform(job, on: fixture.connection) { transaction in
                try Self.recordEffect(of: job, on: transaction)
                throw HandlerFailure()
            }
        }
        #expect(try fixture.count("SELECT count(*) FROM effects") == 0)
        #expect(try fixture.record(id).state == .running)  // still claimed until the failure is recorded
        try fixture.queue.fail(job, error: "handler failed", on: fixture.connection)
        try fixture.makeQueuedJobsDue()
        let retry = try #require(
            try fixture.queue.claim(worker: "w", lease: .seconds(60), on: fixture.connection).first)
        try fixture.queue.perform(retry, on: fixture.connection) { try Self.recordEffect(of: retry, on: $0) }
        #expect(try fixture.count("SELECT count(*) FROM effects WHERE attempt = 2") == 1)
        #expect(try fixture.count("SELECT count(*) FROM effects") == 1)
        #expect(try fixture.record(id).state == .done)
    }

    @Test func anExpiredLeaseIsRecoveredAndTheOldClaimCanNoLongerComplete() throws {
        let fixture = try Self.fixtureWithEffects()
        let id = try #require(try fixture.queue.enqueue(NewJob(kind: "effect", maxAttempts: 5), on: fixture.connection))
        let stale = try #require(
            try fixture.queue.claim(worker: "dead-worker", lease: .seconds(60), on: fixture.connection).first)
        #expect(try fixture.queue.recoverExpiredLeases(on: fixture.connection).isEmpty)  // lease still valid
        try fixture.expireLeases()
        #expect(try fixture.queue.stats(on: fixture.connection).total.expiredLeases == 1)
        let recovered = try fixture.queue.recoverExpiredLeases(on: fixture.connection)
        #expect(recovered.map(\.jobID) == [id] && recovered.first?.state == .queued)
        #expect(
            try fixture.record(id).snapshot.lastError == "lease expired: worker dead-worker did not finish attempt 1")

        try fixture.makeQueuedJobsDue()
        let fresh = try #require(
            try fixture.queue.claim(worker: "live-worker", lease: .seconds(60), on: fixture.connection).first)
        #expect(fresh.attempt == 2)
        // The old claimer wakes up: its completion is refused and its effects roll back with it.
        let lost = try #require(throws: JobsError.self) {
            try fixture.connection.transaction { transaction in
                try Self.recordEffect(of: stale, on: transaction)
                try fixture.queue.complete(stale, on: transaction)
            }
        }
        #expect(lost == .claimLost(jobID: id, attempt: 1))
        #expect(throws: JobsError.claimLost(jobID: id, attempt: 1)) {
            try fixture.queue.fail(stale, error: "late", on: fixture.connection)
        }
        try fixture.queue.perform(fresh, on: fixture.connection) { try Self.recordEffect(of: fresh, on: $0) }
        #expect(try fixture.count("SELECT count(*) FROM effects") == 1)
        #expect(try fixture.count("SELECT attempt FROM effects") == 2)
    }

    @Test func aLiveHandlerPastItsLeaseIsNotRecovered() throws {
        let fixture = try Self.fixtureWithEffects()
        let id = try #require(try fixture.queue.enqueue(NewJob(kind: "slow"), on: fixture.connection))
        let handlerConnection = fixture.database.connect()
        let job = try #require(
            try fixture.queue.claim(worker: "slow", lease: .seconds(60), on: handlerConnection).first)
        try fixture.expireLeases()
        try fixture.queue.perform(job, on: handlerConnection) { transaction in
            try Self.recordEffect(of: job, on: transaction)
            // The handler's transaction holds the row: another worker's recovery skips it.
            #expect(try fixture.queue.recoverExpiredLeases(on: fixture.connection).isEmpty)
        }
        #expect(try fixture.record(id).state == .done)
        #expect(try fixture.count("SELECT count(*) FROM effects") == 1)
    }

    @Test func statsCountByKindAndState() throws {
        let fixture = try JobsFixture()
        for kind in ["a", "a", "b"] { try fixture.queue.enqueue(NewJob(kind: kind), on: fixture.connection) }
        try fixture.queue.enqueue(NewJob(kind: "b", delay: .seconds(600)), on: fixture.connection)
        _ = try fixture.queue.claim(limit: 1, worker: "w", lease: .seconds(60), on: fixture.connection)
        let stats = try fixture.queue.stats(on: fixture.connection)
        #expect(stats.total[.queued] == 3 && stats.total[.running] == 1 && stats.total.due == 2)
        #expect(stats.byKind["a"]?[.running] == 1 && stats.byKind["a"]?[.queued] == 1)
        #expect(stats.byKind["b"]?[.queued] == 2 && stats.byKind["b"]?.due == 1)
        #expect(stats.oldestDueAge != nil && stats.oldestDueAge! >= .zero && stats.oldestDueAge! < .seconds(60))
        #expect(try fixture.queue.stats(on: JobsFixture().connection) == JobQueueStats())
    }

    @Test func doneJobsArePruned() throws {
        let fixture = try JobsFixture()
        try fixture.queue.enqueue(NewJob(kind: "old"), on: fixture.connection)
        let job = try #require(try fixture.queue.claim(worker: "w", lease: .seconds(60), on: fixture.connection).first)
        try fixture.queue.perform(job, on: fixture.connection) { _ in }
        #expect(try fixture.queue.pruneDone(olderThan: .seconds(3600), on: fixture.connection) == 0)
        try fixture.connection.execute("UPDATE jobs SET finished_at = now() - interval '2 hours'")
        #expect(try fixture.queue.pruneDone(olderThan: .seconds(3600), on: fixture.connection) == 1)
    }
}
