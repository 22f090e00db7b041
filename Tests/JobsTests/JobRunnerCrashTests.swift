import DevelopmentCluster
import Foundation
import Jobs
import Logging
import Postgres
import TestSupport
import Testing

/// Claimers that die mid-job and database restarts: the job still completes exactly once.
@Suite struct JobRunnerCrashTests {
    struct ProcessDied: Error {}

    static func fixtureWithEffects(database: TestDatabase? = nil) throws -> JobsFixture {
        let fixture = try JobsFixture(database: database)
        try fixture.connection.execute("CREATE TABLE effects (job_id bigint NOT NULL, attempt int NOT NULL)")
        return fixture
    }

    static func terminate(_ connection: PostgresConnection, using admin: PostgresConnection) throws {
        let pid = try #require(connection.backendPID)
        try admin.execute("SELECT pg_terminate_backend(\(Int32(pid)))")
    }

    /// A claimer whose session dies in the middle of its handler and never comes back (as when its
    /// process is killed): its transaction is gone, its lease runs out, another runner recovers the job.
    @Test func aJobWhoseClaimerDiedIsRecoveredAndCompletedExactlyOnce() throws {
        let fixture = try Self.fixtureWithEffects()
        let id = try #require(try fixture.queue.enqueue(NewJob(kind: "effect"), on: fixture.connection))
        let doomed = fixture.database.connect()
        let job = try #require(try fixture.queue.claim(worker: "doomed", lease: .seconds(30), on: doomed).first)
        #expect(throws: ProcessDied.self) {
            try fixture.queue.perform(job, on: doomed) { transaction in
                try transaction.execute("INSERT INTO effects VALUES (\(job.id), \(Int32(job.attempt)))")
                try Self.terminate(transaction, using: fixture.connection)
                throw ProcessDied()  // the process is gone: nothing after this point runs
            }
        }
        #expect(try fixture.count("SELECT count(*) FROM effects") == 0)
        #expect(try fixture.record(id).state == .running)

        let logs = LogRecorder()
        let runner = JobRunner(
            connection: fixture.database.connect(), queue: fixture.queue,
            configuration: JobRunnerConfiguration(worker: "survivor"), logger: logs.logger())
        var runs = 0
        runner.register("effect") { job, transaction in
            runs += 1
            try transaction.execute("INSERT INTO effects VALUES (\(job.id), \(Int32(job.attempt)))")
        }
        #expect(try runner.runOnce() == JobRunReport())  // the lease is still running
        try fixture.expireLeases()
        let recovery = try runner.runOnce()
        #expect(recovery.recovered == 1 && recovery.retried == 1 && recovery.ran == 0)
        try fixture.makeQueuedJobsDue()
        #expect(try runner.runOnce().completed == 1)
        #expect(try runner.runOnce() == JobRunReport())
        #expect(runs == 1)
        #expect(try fixture.count("SELECT count(*) FROM effects") == 1)
        #expect(try fixture.count("SELECT attempt FROM effects") == 2)
        #expect(try fixture.record(id).state == .done)
        #expect(
            logs.entries.contains {
                $0.message == "expired lease recovered; retry scheduled" && $0.metadata["job.id"] == "\(id)"
            })
    }

    /// The runner's own session is killed mid-handler: the attempt's effects roll back, the runner
    /// reconnects and records the failure, and the retry completes the job once.
    @Test func theRunnersSessionKilledMidHandlerRetriesTheJobOnce() throws {
        let fixture = try Self.fixtureWithEffects()
        let id = try #require(try fixture.queue.enqueue(NewJob(kind: "effect"), on: fixture.connection))
        let runner = JobRunner(
            connection: fixture.database.connect(), queue: fixture.queue,
            configuration: JobRunnerConfiguration(worker: "victim"), logger: LogRecorder().logger())
        runner.register("effect") { job, transaction in
            try transaction.execute("INSERT INTO effects VALUES (\(job.id), \(Int32(job.attempt)))")
            if job.attempt == 1 {
                try Self.terminate(transaction, using: fixture.connection)
                try transaction.execute("INSERT INTO effects VALUES (\(job.id), 99)")
            }
        }
        let first = try runner.runOnce()
        #expect(first.ran == 1 && first.retried == 1 && first.completed == 0)
        #expect(try fixture.count("SELECT count(*) FROM effects") == 0)
        let record = try fixture.record(id)
        #expect(record.state == .queued && record.snapshot.lastError?.contains("connectionLost") == true)
        try fixture.makeQueuedJobsDue()
        #expect(try runner.runOnce().completed == 1)
        #expect(try fixture.count("SELECT count(*) FROM effects") == 1)
        #expect(try fixture.count("SELECT attempt FROM effects") == 2)
    }

    /// PostgreSQL restarts under a running loop: the loss is logged once, the runner reconnects,
    /// listens again, and a job enqueued afterwards is woken by NOTIFY and runs.
    @Test func theLoopSurvivesADatabaseRestart() throws {
        let cluster = try TestCluster.makeDedicated()
        defer { try? cluster.destroy() }
        let fixture = try JobsFixture(database: TestDatabase.makeMigrated(on: cluster))
        let database = fixture.database
        let queue = fixture.queue
        let logs = LogRecorder()
        let handled = Flag()
        let restarted = Flag()
        let results = TestThreads.run(count: 2) { index -> Duration? in
            let deadline = ContinuousClock.now + .seconds(30)
            if index == 0 {
                let configuration = JobRunnerConfiguration(
                    worker: "steady", maximumIdleWait: .seconds(30), stopCheckInterval: .milliseconds(100),
                    reconnectDelay: .milliseconds(200))
                let runner = JobRunner(
                    connection: database.connect(), queue: queue, configuration: configuration, logger: logs.logger())
                runner.register("after.restart") { _, _ in handled.set() }
                runner.run(shouldStop: { handled.isSet || ContinuousClock.now > deadline })
                return nil
            }
            while !logs.messages().contains("jobs runner started") { Thread.sleep(forTimeInterval: 0.01) }
            Thread.sleep(forTimeInterval: 0.3)
            try cluster.stop()
            Thread.sleep(forTimeInterval: 1)  // several reconnect attempts fail meanwhile
            try cluster.start()
            restarted.set()
            while !logs.messages().contains("database connection restored") && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
            Thread.sleep(forTimeInterval: 0.3)  // back to waiting for notifications
            let enqueued = ContinuousClock.now
            try queue.enqueue(NewJob(kind: "after.restart"), on: database.connect())
            while !handled.isSet && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.005) }
            return ContinuousClock.now - enqueued
        }
        let latency = try #require(try results[1].get())
        #expect(restarted.isSet && handled.isSet)
        #expect(latency < .seconds(1))
        #expect(logs.messages(.error) == ["database connection lost; reconnecting"])
        #expect(logs.messages(.notice) == ["database connection restored"])
    }
}
