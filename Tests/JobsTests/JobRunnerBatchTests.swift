import Jobs
import Logging
import Postgres
import TestSupport
import Testing

/// Kinds registered in batches: one transaction for the batch; when a job fails, the batch rolls back and its jobs
/// run one by one — each job's effects and completion together or not at all, exactly once.
@Suite struct JobRunnerBatchTests {
    struct Refused: Error, CustomStringConvertible {
        var description: String { "refused on purpose" }
    }

    static func prepare(_ fixture: JobsFixture) throws {
        try fixture.connection.execute("CREATE TABLE effects (n int PRIMARY KEY, xact bigint NOT NULL)")
    }

    @discardableResult
    static func enqueue(_ fixture: JobsFixture, kind: String, count: Int) throws -> [Int64] {
        try (1...count).map { n in
            try #require(
                try fixture.queue.enqueue(
                    NewJob(kind: kind, payload: #"{"n": \#(n)}"#, maxAttempts: 3), on: fixture.connection))
        }
    }

    static func insertEffect(_ job: ClaimedJob, _ transaction: PostgresConnection) throws {
        try transaction.execute(
            "INSERT INTO effects (n, xact) VALUES ((\(job.payload)::jsonb->>'n')::int, txid_current())")
    }

    @Test func aFailingJobSendsItsBatchBackToOneTransactionPerJob() throws {
        let fixture = try JobsFixture()
        try Self.prepare(fixture)
        let ids = try Self.enqueue(fixture, kind: "batched", count: 5)
        let logs = LogRecorder()
        let runner = JobRunnerTests.runner(fixture, logs: logs)
        runner.register("batched", inBatchesOf: 4) { job, transaction in
            try Self.insertEffect(job, transaction)
            // Job 3 wrote its effect, then fails: the effect must go, the others stay.
            if job.payload.contains(#""n": 3"#) { throw Refused() }
        }
        let report = try runner.runOnce()
        #expect(report.ran == 5 && report.completed == 4 && report.retried == 1 && report.dead == 0)
        #expect(try fixture.count("SELECT count(*)::int FROM effects") == 4)
        #expect(try fixture.count("SELECT count(*)::int FROM effects WHERE n = 3") == 0)
        // The first batch (1–4) rolled back and ran job by job; job 5 ran in a second batch.
        #expect(try fixture.count("SELECT count(DISTINCT xact)::int FROM effects") == 4)
        for (index, id) in ids.enumerated() {
            let record = try fixture.record(id)
            if index == 2 {
                #expect(record.state == .queued && record.snapshot.attempts == 1)
                #expect(record.snapshot.lastError == "refused on purpose")
            } else {
                #expect(record.state == .done)
            }
        }
        #expect(logs.messages().filter { $0 == "job completed" }.count == 4)
        #expect(logs.messages(.warning) == ["job failed; retry scheduled"])
        #expect(logs.messages(.notice) == ["jobs batch rolled back; running its jobs one by one"])
        // The retried job runs again (alone now) and completes exactly once.
        try fixture.makeQueuedJobsDue()
        runner.register("batched", inBatchesOf: 4, handler: Self.insertEffect)
        #expect(try runner.runOnce().completed == 1)
        #expect(try fixture.count("SELECT count(*)::int FROM effects") == 5)
    }

    @Test func aBatchWithoutFailuresCommitsOnce() throws {
        let fixture = try JobsFixture()
        try Self.prepare(fixture)
        let ids = try Self.enqueue(fixture, kind: "batched", count: 6)
        let runner = JobRunnerTests.runner(fixture, logs: LogRecorder())
        runner.register("batched", inBatchesOf: 32, handler: Self.insertEffect)
        let report = try runner.runOnce()
        #expect(report.ran == 6 && report.completed == 6)
        #expect(try fixture.count("SELECT count(*)::int FROM effects") == 6)
        #expect(try fixture.count("SELECT count(DISTINCT xact)::int FROM effects") == 1)
        for id in ids { #expect(try fixture.record(id).state == .done) }
        #expect(try runner.runOnce().ran == 0)
    }

    @Test func aStatementErrorInOneJobFailsOnlyThatJob() throws {
        let fixture = try JobsFixture()
        try Self.prepare(fixture)
        let ids = try Self.enqueue(fixture, kind: "batched", count: 3)
        let runner = JobRunnerTests.runner(fixture, logs: LogRecorder())
        runner.register("batched", inBatchesOf: 8) { job, transaction in
            try Self.insertEffect(job, transaction)
            // A failing statement aborts the batch's transaction: the batch rolls back and runs job by job.
            if job.payload.contains(#""n": 2"#) { try transaction.execute("SELECT 1 / 0") }
        }
        let report = try runner.runOnce()
        #expect(report.ran == 3 && report.completed == 2 && report.retried == 1)
        #expect(try fixture.count("SELECT count(*)::int FROM effects WHERE n IN (1, 3)") == 2)
        #expect(try fixture.count("SELECT count(*)::int FROM effects WHERE n = 2") == 0)
        #expect(try fixture.record(ids[1]).state == .queued)
        #expect(try fixture.count("SELECT count(DISTINCT xact)::int FROM effects") == 2)
    }

    @Test func aPermanentFailureInABatchIsDeadAtOnce() throws {
        let fixture = try JobsFixture()
        try Self.prepare(fixture)
        let ids = try Self.enqueue(fixture, kind: "batched", count: 2)
        let runner = JobRunnerTests.runner(fixture, logs: LogRecorder())
        runner.register("batched", inBatchesOf: 8) { job, transaction in
            if job.payload.contains(#""n": 1"#) { throw JobsError.permanentFailure("payload without n") }
            try Self.insertEffect(job, transaction)
        }
        let report = try runner.runOnce()
        #expect(report.ran == 2 && report.completed == 1 && report.dead == 1)
        #expect(try fixture.record(ids[0]).state == .dead)
        #expect(try fixture.record(ids[0]).snapshot.lastError == "payload without n")
        #expect(try fixture.record(ids[1]).state == .done)
    }

    @Test func otherKindsStillRunOneTransactionPerJob() throws {
        let fixture = try JobsFixture()
        try Self.prepare(fixture)
        try Self.enqueue(fixture, kind: "single", count: 3)
        try Self.enqueue(fixture, kind: "batched", count: 1)
        let runner = JobRunnerTests.runner(fixture, logs: LogRecorder())
        runner.register("single", handler: Self.insertEffect)
        runner.register("batched", inBatchesOf: 8) { _, _ in }
        let report = try runner.runOnce()
        #expect(report.ran == 4 && report.completed == 4)
        #expect(try fixture.count("SELECT count(DISTINCT xact)::int FROM effects") == 3)
    }
}
