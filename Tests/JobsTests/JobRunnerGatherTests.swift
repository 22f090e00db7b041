import Foundation
import Jobs
import Postgres
import Synchronization
import TestSupport
import Testing

/// The gather pause (``JobRunnerConfiguration/gatherPause``): while work keeps coming, the runner waits a moment
/// before it takes more, so what arrives meanwhile is taken in fewer, fuller rounds and batches. (At 50 stored
/// webhooks a second the jobs process sent 33 statements per event without it and 13 with it; README "Speed".)
@Suite struct JobRunnerGatherTests {
    /// A round whose queue ran dry while its feeders still found rows (so rows keep arriving) waits before it feeds
    /// again. The feeder here plays the arrivals: three calls find one row each, the fourth finds none.
    private func feedThreeTimes(gatherPause: Duration) throws -> (ran: Int, feeds: [ContinuousClock.Instant]) {
        let fixture = try JobsFixture()
        let queue = fixture.queue
        let runner = JobRunner(
            connection: fixture.database.connect(), queue: queue,
            configuration: JobRunnerConfiguration(worker: "gatherer", gatherPause: gatherPause),
            logger: LogRecorder().logger())
        var feeds: [ContinuousClock.Instant] = []
        runner.feed(from: "jobs") { connection in
            feeds.append(.now)
            guard feeds.count <= 3 else { return 0 }
            try queue.enqueue(NewJob(kind: "fed"), on: connection)
            return 1
        }
        runner.register("fed") { _, _ in }
        let ran = try runner.runOnce().ran
        #expect(try fixture.count("SELECT count(*)::bigint FROM jobs WHERE kind = 'fed' AND state = 'done'") == 3)
        return (ran, feeds)
    }

    @Test func aRoundWaitsBeforeItFeedsAgainWhileFedRowsKeepArriving() throws {
        let pause = Duration.milliseconds(150)
        let (ran, feeds) = try feedThreeTimes(gatherPause: pause)
        #expect(ran == 3)
        #expect(feeds.count == 4)
        for (earlier, later) in zip(feeds, feeds.dropFirst()) { #expect(later - earlier >= pause) }
    }

    @Test func withoutAGatherPauseTheRoundFeedsAgainAtOnce() throws {
        let (ran, feeds) = try feedThreeTimes(gatherPause: .zero)
        #expect(ran == 3)
        #expect(feeds.count == 4)
        // Three claims, jobs and feeds: milliseconds, far below the 450 ms three pauses of 150 ms would take.
        #expect(try #require(feeds.last) - feeds[0] < .milliseconds(450))
    }

    /// Rows a feeder settles without a job are work found: the round reports them (`fed`, `foundWork`), and an
    /// endless stream of them ends the round after `maximumJobsPerRound` rows, as a stream of jobs does.
    @Test func rowsSettledWithoutAJobAreWorkAndAStreamOfThemEndsTheRound() throws {
        let fixture = try JobsFixture()
        let runner = JobRunner(
            connection: fixture.database.connect(), queue: fixture.queue,
            configuration: JobRunnerConfiguration(worker: "settler", maximumJobsPerRound: 10, gatherPause: .zero),
            logger: LogRecorder().logger())
        var feeds = 0
        runner.feed(from: "jobs") { _ in
            feeds += 1
            return 4
        }
        let report = try runner.runOnce()
        #expect(report.ran == 0 && report.fed == 12 && report.foundWork)
        #expect(feeds == 3)
        // A round whose feeders found nothing and that ran nothing found no work.
        let idle = JobRunner(
            connection: fixture.database.connect(), queue: fixture.queue, logger: LogRecorder().logger())
        idle.feed(from: "jobs") { _ in 0 }
        #expect(try !idle.runOnce().foundWork)
    }

    /// Between rounds: a busy runner whose round was not full waits before its next round, and jobs queued meanwhile
    /// (silently: it is busy) run after the pause, without a wake-up. Without the pause the runner would find nothing
    /// at once, withdraw its busy mark, sleep, and be woken by the first of them.
    @Test func aBusyRunnerWaitsAfterARoundThatWasNotFull() throws {
        let fixture = try JobsFixture()
        let database = fixture.database
        let queue = fixture.queue
        let listener = try JobWakeupTests.listener(fixture)
        let pause = Duration.milliseconds(400)
        try queue.enqueue(NewJob(kind: "first"), on: fixture.connection)
        let firstRan = Flag()
        let laterRan = Atomic<Int>(0)
        let deadline = ContinuousClock.now + .seconds(30)
        let results = TestThreads.run(count: 2) { index -> Duration in
            if index == 0 {
                let runner = JobRunner(
                    connection: database.connect(), queue: queue,
                    configuration: JobRunnerConfiguration(
                        worker: "gathering-runner", maximumIdleWait: .seconds(600),
                        stopCheckInterval: .milliseconds(50), gatherPause: pause),
                    logger: LogRecorder().logger())
                runner.register("first") { _, _ in firstRan.set() }
                runner.register("later") { _, _ in laterRan.add(1, ordering: .sequentiallyConsistent) }
                runner.run(shouldStop: {
                    laterRan.load(ordering: .sequentiallyConsistent) == 2 || ContinuousClock.now > deadline
                })
                return .zero
            }
            while !firstRan.isSet && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.002) }
            let first = ContinuousClock.now
            // The round that ran "first" has ended by now (no feeders, nothing else queued): the runner is pausing.
            Thread.sleep(forTimeInterval: 0.1)
            let connection = database.connect()
            for _ in 0..<2 { try queue.enqueue(NewJob(kind: "later"), on: connection) }
            while laterRan.load(ordering: .sequentiallyConsistent) < 2 && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.002)
            }
            return ContinuousClock.now - first
        }
        _ = try results[0].get()
        let laterAfter = try results[1].get()
        #expect(laterRan.load(ordering: .sequentiallyConsistent) == 2)
        // Not before the pause ran out, and not much later (a second is far more than a round takes).
        #expect(laterAfter >= pause - .milliseconds(50))
        #expect(laterAfter < pause + .seconds(1))
        // Queued while the runner was busy: they woke nobody.
        #expect(try listener.waitForNotifications(timeout: 0.1).filter { $0.payload == "later" }.isEmpty)
    }
}
