import Foundation
import Jobs
import Logging
import Postgres
import TestSupport
import Testing

/// The runner's rounds: handlers by kind, retries, dead jobs, the stop flag, logging.
@Suite struct JobRunnerTests {
    struct Flaky: Error, CustomStringConvertible {
        var description: String { "the flaky service said no" }
    }

    static func runner(_ fixture: JobsFixture, logs: LogRecorder, worker: String = "runner-1") -> JobRunner {
        JobRunner(
            connection: fixture.database.connect(), queue: fixture.queue,
            configuration: JobRunnerConfiguration(worker: worker, lease: .seconds(60)), logger: logs.logger())
    }

    @Test func aRegisteredHandlerRunsInTheCompletingTransaction() throws {
        let fixture = try JobsFixture()
        try fixture.connection.execute("CREATE TABLE effects (payload jsonb NOT NULL)")
        let id = try #require(
            try fixture.queue.enqueue(NewJob(kind: "copy", payload: #"{"n": 1}"#), on: fixture.connection))
        let logs = LogRecorder()
        let runner = Self.runner(fixture, logs: logs)
        runner.register("copy") { job, transaction in
            #expect(transaction.isInTransaction)
            try transaction.execute("INSERT INTO effects (payload) VALUES (\(job.payload)::jsonb)")
        }
        let report = try runner.runOnce()
        #expect(report.ran == 1 && report.completed == 1 && report.retried == 0 && report.dead == 0)
        #expect(try fixture.count(#"SELECT (payload->>'n')::int FROM effects"#) == 1)
        #expect(try fixture.record(id).state == .done)
        let completed = try #require(logs.entries.first { $0.message == "job completed" })
        #expect(completed.metadata["job.id"] == "\(id)" && completed.metadata["job.kind"] == "copy")
        #expect(completed.metadata["job.attempt"] == "1" && completed.metadata["job.worker"] == "runner-1")
        #expect(try runner.runOnce() == JobRunReport())
    }

    @Test func aJobWithoutAHandlerIsDeadWithAClearError() throws {
        let fixture = try JobsFixture()
        let id = try #require(try fixture.queue.enqueue(NewJob(kind: "nobody.handles"), on: fixture.connection))
        let logs = LogRecorder()
        let report = try Self.runner(fixture, logs: logs).runOnce()
        #expect(report.ran == 1 && report.dead == 1)
        let record = try fixture.record(id)
        #expect(record.state == .dead && record.snapshot.attempts == 1)
        #expect(record.snapshot.lastError == "no handler is registered for job kind nobody.handles")
        #expect(logs.messages(.error) == ["job failed; job is dead"])
    }

    @Test func handlerErrorsAreRetriedWithBackoffThenBuriedAndPayloadsAreNeverLogged() throws {
        let fixture = try JobsFixture()
        let secret = "sk_live_do_not_log_me"
        let payload = #"{"api_key": "\#(secret)"}"#
        let id = try #require(
            try fixture.queue.enqueue(NewJob(kind: "flaky", payload: payload, maxAttempts: 2), on: fixture.connection))
        let logs = LogRecorder()
        let runner = Self.runner(fixture, logs: logs)
        var calls = 0
        runner.register("flaky") { job, _ in
            calls += 1
            #expect(job.payload.contains(secret))
            throw Flaky()
        }
        let first = try runner.runOnce()
        #expect(first.ran == 1 && first.retried == 1 && first.dead == 0)
        #expect(try runner.runOnce().ran == 0)  // backing off
        try fixture.makeQueuedJobsDue()
        let second = try runner.runOnce()
        #expect(second.ran == 1 && second.dead == 1)
        #expect(calls == 2)
        let record = try fixture.record(id)
        #expect(record.state == .dead && record.snapshot.lastError == "the flaky service said no")
        let retry = try #require(logs.entries.first { $0.message == "job failed; retry scheduled" })
        #expect(
            retry.metadata["job.retry_in_ms"] == "10000" && retry.metadata["job.error"] == "the flaky service said no")
        #expect(logs.messages(.error) == ["job failed; job is dead"])
        #expect(!logs.entries.isEmpty && logs.entries.allSatisfy { !$0.text.contains(secret) })
    }

    @Test func aPermanentFailureBuriesTheJobAtOnce() throws {
        let fixture = try JobsFixture()
        let id = try #require(try fixture.queue.enqueue(NewJob(kind: "strict", maxAttempts: 5), on: fixture.connection))
        let runner = Self.runner(fixture, logs: LogRecorder())
        runner.register("strict") { _, _ in throw JobsError.permanentFailure("the payload names no purchase") }
        #expect(try runner.runOnce().dead == 1)
        let record = try fixture.record(id)
        #expect(record.state == .dead && record.snapshot.attempts == 1)
        #expect(record.snapshot.lastError == "the payload names no purchase")
    }

    @Test func theStopFlagIsCheckedBetweenJobs() throws {
        let fixture = try JobsFixture()
        for _ in 0..<3 { try fixture.queue.enqueue(NewJob(kind: "one"), on: fixture.connection) }
        let runner = Self.runner(fixture, logs: LogRecorder())
        var stop = false
        runner.register("one") { _, _ in stop = true }
        let start = ContinuousClock.now
        runner.run(shouldStop: { stop })
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(try fixture.count("SELECT count(*) FROM jobs WHERE state = 'done'") == 1)
        #expect(try fixture.count("SELECT count(*) FROM jobs WHERE state = 'queued'") == 2)
    }

    @Test func aNotificationWakesTheWaitingRunnerQuickly() throws {
        let fixture = try JobsFixture()
        let database = fixture.database
        let queue = fixture.queue
        let logs = LogRecorder()
        let handled = Flag()
        let results = TestThreads.run(count: 2) { index -> Duration? in
            let deadline = ContinuousClock.now + .seconds(20)
            if index == 0 {
                // Nothing polls within the test's bound: only NOTIFY can wake it in time.
                let configuration = JobRunnerConfiguration(
                    worker: "waiter", maximumIdleWait: .seconds(30), stopCheckInterval: .milliseconds(200))
                let runner = JobRunner(
                    connection: database.connect(), queue: queue, configuration: configuration, logger: logs.logger())
                runner.register("wake") { _, _ in handled.set() }
                runner.run(shouldStop: { handled.isSet || ContinuousClock.now > deadline })
                return nil
            }
            while !logs.messages().contains("jobs runner started") { Thread.sleep(forTimeInterval: 0.01) }
            Thread.sleep(forTimeInterval: 0.5)  // the runner is now waiting on its connection
            let connection = database.connect()
            let enqueued = ContinuousClock.now
            try queue.enqueue(NewJob(kind: "wake"), on: connection)
            while !handled.isSet && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.005) }
            return ContinuousClock.now - enqueued
        }
        let latency = try #require(try results[1].get())
        #expect(handled.isSet)
        #expect(latency < .seconds(1))
    }
}
