import Foundation
import Jobs
import Postgres
import Synchronization
import TestSupport
import Testing

/// Quiet wake-ups (sql/0080): while a runner is busy, queuing a job sends no NOTIFY (a notifying commit serialises
/// everyone's commits); the runner claims what was queued silently before it sleeps.
@Suite struct JobWakeupTests {
    static func listener(_ fixture: JobsFixture) throws -> PostgresConnection {
        let connection = fixture.database.connect()
        try connection.listen(JobQueue.channel)
        return connection
    }

    @Test func aJobQueuedWhileARunnerIsBusyNotifiesNobodyAndOneQueuedWhileIdleDoes() throws {
        let fixture = try JobsFixture()
        let listener = try Self.listener(fixture)
        try fixture.queue.markBusy(worker: "busy-1", seconds: 60, on: fixture.connection)
        try fixture.queue.enqueue(NewJob(kind: "quiet"), on: fixture.database.connect())
        #expect(try listener.waitForNotifications(timeout: 0.5).isEmpty)

        _ = try fixture.queue.markIdle(worker: "busy-1", on: fixture.connection)
        try fixture.queue.enqueue(NewJob(kind: "loud"), on: fixture.database.connect())
        #expect(try listener.waitForNotifications(timeout: 5).map(\.payload) == ["loud"])
    }

    @Test func aVanishedRunnersBusyMarkExpires() throws {
        let fixture = try JobsFixture()
        let listener = try Self.listener(fixture)
        // A mark that has already run out, as a crashed runner's does after busyMarkSeconds.
        try fixture.queue.markBusy(worker: "crashed", seconds: 0, on: fixture.connection)
        try fixture.queue.enqueue(NewJob(kind: "loud"), on: fixture.database.connect())
        #expect(try listener.waitForNotifications(timeout: 5).map(\.payload) == ["loud"])
    }

    @Test func aTransactionWithAStricterIsolationAlwaysNotifies() throws {
        let fixture = try JobsFixture()
        let listener = try Self.listener(fixture)
        try fixture.queue.markBusy(worker: "busy-1", seconds: 60, on: fixture.connection)
        let connection = fixture.database.connect()
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        try fixture.queue.enqueue(NewJob(kind: "snapshot"), on: connection)
        try connection.execute("COMMIT")
        #expect(try listener.waitForNotifications(timeout: 5).map(\.payload) == ["snapshot"])
    }

    @Test func theIdleBarrierWaitsForATransactionThatQueuedSilently() throws {
        let fixture = try JobsFixture()
        try fixture.queue.markBusy(worker: "busy-1", seconds: 60, on: fixture.connection)
        let open = fixture.database.connect()
        try open.execute("BEGIN")
        try fixture.queue.enqueue(NewJob(kind: "quiet"), on: open)
        let writers = try fixture.queue.markIdle(worker: "busy-1", on: fixture.connection)
        #expect(try !fixture.queue.transactionsEnded(writers, on: fixture.connection))
        try open.execute("COMMIT")
        #expect(try fixture.queue.transactionsEnded(writers, on: fixture.connection))
        #expect(try fixture.count("SELECT count(*)::bigint FROM jobs WHERE kind = 'quiet' AND state = 'queued'") == 1)
    }

    /// A feeder's table (JobRunner.feed) counts like `jobs`: a row stored there silently is fed before the runner
    /// sleeps.
    @Test func theIdleBarrierAlsoWaitsForAWriterOfAFeederTable() throws {
        let fixture = try JobsFixture()
        try fixture.connection.execute("CREATE TABLE fed_rows (id integer PRIMARY KEY)")
        try fixture.queue.markBusy(worker: "busy-1", seconds: 60, on: fixture.connection)
        let open = fixture.database.connect()
        try open.execute("BEGIN")
        try open.execute("INSERT INTO fed_rows VALUES (1)")
        let writers = try fixture.queue.markIdle(worker: "busy-1", tables: ["fed_rows"], on: fixture.connection)
        #expect(try !fixture.queue.transactionsEnded(writers, tables: ["fed_rows"], on: fixture.connection))
        try open.execute("COMMIT")
        #expect(try fixture.queue.transactionsEnded(writers, tables: ["fed_rows"], on: fixture.connection))
    }

    @Test func aRunnerFeedsStoredRowsIntoJobsAndRunsThemInTheSameRound() throws {
        let fixture = try JobsFixture()
        try fixture.connection.execute(
            "CREATE TABLE fed_rows (id integer PRIMARY KEY, queued boolean NOT NULL DEFAULT false)")
        try fixture.connection.execute("INSERT INTO fed_rows (id) SELECT generate_series(1, 5)")
        let runner = JobRunner(
            connection: fixture.database.connect(), queue: fixture.queue, logger: LogRecorder().logger())
        var feeds = 0
        runner.feed(from: "fed_rows") { connection in
            feeds += 1
            return try connection.query(
                """
                WITH picked AS (UPDATE fed_rows SET queued = true WHERE id IN (
                    SELECT id FROM fed_rows WHERE NOT queued ORDER BY id LIMIT 2) RETURNING id)
                INSERT INTO jobs (kind, payload) SELECT 'fed', jsonb_build_object('row', id) FROM picked RETURNING id
                """
            ).count
        }
        var handled: [String] = []
        runner.register("fed") { job, _ in handled.append(job.payload) }
        #expect(try runner.runOnce().ran == 5)
        #expect(handled.count == 5)
        // Three feeds of two, then one that found nothing ended the round.
        #expect(feeds == 4)
        #expect(try fixture.count("SELECT count(*)::bigint FROM fed_rows WHERE NOT queued") == 0)
    }

    /// Rows stored for a feeder need no wake-up: a sleeping runner polls its feeders every `feederPollInterval`, so a
    /// row stored while it sleeps (its idle limit ten minutes away, no notification about the row) is taken and its
    /// job run within about that.
    @Test func aSleepingRunnerPollsItsFeeders() throws {
        let fixture = try JobsFixture()
        try fixture.connection.execute(
            "CREATE TABLE polled_rows (id integer PRIMARY KEY, queued boolean NOT NULL DEFAULT false)")
        let database = fixture.database
        let queue = fixture.queue
        let handled = Flag()
        let deadline = ContinuousClock.now + .seconds(30)
        let results = TestThreads.run(count: 2) { index -> Duration in
            if index == 0 {
                let runner = JobRunner(
                    connection: database.connect(), queue: queue,
                    configuration: JobRunnerConfiguration(
                        worker: "poller", maximumIdleWait: .seconds(600), stopCheckInterval: .seconds(5),
                        feederPollInterval: .milliseconds(200)),
                    logger: LogRecorder().logger())
                runner.feed(from: "polled_rows") { connection in
                    try connection.query(
                        """
                        WITH picked AS (UPDATE polled_rows SET queued = true WHERE NOT queued RETURNING id)
                        INSERT INTO jobs (kind, payload) SELECT 'polled', jsonb_build_object('row', id) FROM picked
                        RETURNING id
                        """
                    ).count
                }
                runner.register("polled") { _, _ in handled.set() }
                runner.run(shouldStop: { handled.isSet || ContinuousClock.now > deadline })
                return .zero
            }
            Thread.sleep(forTimeInterval: 1)  // the runner found nothing and sleeps
            let connection = database.connect()
            let stored = ContinuousClock.now
            try connection.execute("INSERT INTO polled_rows (id) VALUES (1)")
            while !handled.isSet && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.005) }
            return ContinuousClock.now - stored
        }
        #expect(handled.isSet)
        // One poll interval (200 ms) and a round; the stop check (5 s) and the idle limit (10 min) are far above.
        #expect(try results[1].get() < .seconds(2))
    }

    /// The race the barrier closes: a job queued (silently: the runner is busy) in a transaction that commits only
    /// after the runner's last round found nothing. Without the barrier the runner would sleep until its idle limit.
    @Test func aJobCommittedAfterTheLastEmptyRoundStillRuns() throws {
        let fixture = try JobsFixture()
        let database = fixture.database
        let queue = fixture.queue
        let secondStarted = Flag()
        let lateHandled = Flag()
        let listener = try Self.listener(fixture)
        for _ in 0..<2 { try queue.enqueue(NewJob(kind: "slow"), on: fixture.connection) }
        let deadline = ContinuousClock.now + .seconds(30)
        let results = TestThreads.run(count: 2) { index -> Bool in
            if index == 0 {
                let runner = JobRunner(
                    connection: database.connect(), queue: queue,
                    configuration: JobRunnerConfiguration(
                        worker: "barrier-runner", maximumIdleWait: .seconds(600), stopCheckInterval: .milliseconds(100),
                        maximumJobsPerRound: 1),
                    logger: LogRecorder().logger())
                var started = 0
                runner.register("slow") { _, _ in
                    started += 1
                    if started == 2 { secondStarted.set() }
                    Thread.sleep(forTimeInterval: 0.3)
                }
                runner.register("late") { _, _ in lateHandled.set() }
                runner.run(shouldStop: { lateHandled.isSet || ContinuousClock.now > deadline })
                return lateHandled.isSet
            }
            // The second slow job runs in the runner's second round, after the first marked it busy.
            while !secondStarted.isSet && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.005) }
            let connection = database.connect()
            try connection.execute("BEGIN")
            try queue.enqueue(NewJob(kind: "late"), on: connection)
            Thread.sleep(forTimeInterval: 1)  // the runner's next round finds nothing and it wants to sleep
            try connection.execute("COMMIT")
            return true
        }
        #expect(try results[0].get())
        #expect(try results[1].get())
        // The late job was queued while the runner was busy: it woke nobody.
        #expect(try listener.waitForNotifications(timeout: 0.1).filter { $0.payload == "late" }.isEmpty)
    }

    /// Bursts from several connections with pauses between them, so the runner goes busy and idle again and
    /// again: every job runs long before the runner's idle limit, which is the only other way it would wake.
    @Test func everyJobOfConcurrentBurstsRunsWithoutWaitingForTheIdleLimit() throws {
        let fixture = try JobsFixture()
        let database = fixture.database
        let queue = fixture.queue
        let producers = 4
        let bursts = 8
        let perBurst = 10
        let total = producers * bursts * perBurst
        let handled = Atomic<Int>(0)
        let deadline = ContinuousClock.now + .seconds(60)
        let results = TestThreads.run(count: producers + 1) { index -> Duration in
            let started = ContinuousClock.now
            if index == producers {
                let runner = JobRunner(
                    connection: database.connect(), queue: queue,
                    configuration: JobRunnerConfiguration(
                        worker: "burst-runner", maximumIdleWait: .seconds(600), stopCheckInterval: .milliseconds(200)),
                    logger: LogRecorder().logger())
                runner.register("burst") { _, _ in handled.add(1, ordering: .sequentiallyConsistent) }
                runner.run(shouldStop: {
                    handled.load(ordering: .sequentiallyConsistent) == total || ContinuousClock.now > deadline
                })
                return ContinuousClock.now - started
            }
            let connection = database.connect()
            for burst in 0..<bursts {
                for _ in 0..<perBurst { try queue.enqueue(NewJob(kind: "burst"), on: connection) }
                Thread.sleep(forTimeInterval: 0.05 * Double((burst + index) % 3))
            }
            return ContinuousClock.now - started
        }
        for result in results { _ = try result.get() }
        #expect(handled.load(ordering: .sequentiallyConsistent) == total)
        #expect(try fixture.count("SELECT count(*)::bigint FROM jobs WHERE state = 'done'") == total)
        // Nothing was left marked busy once the runner stopped.
        #expect(try fixture.count("SELECT count(*)::bigint FROM jobs_runners") == 0)
    }
}
