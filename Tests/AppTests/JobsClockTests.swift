import Foundation
import Jobs
import Logging
import Postgres
import TestSupport
import Testing

@testable import App

/// The jobs process's handlers read the injected clock, never the machine's: periodic jobs land in the clock's
/// next bucket and the billing tick bills as of the clock's time.
@Suite struct JobsClockTests {
    /// 2033-05-18T03:33:20Z: far from the machine's time, so a handler reading `Date()` is caught.
    static let fakeNow = Date(timeIntervalSince1970: 2_000_000_000)

    @Test func periodicJobsAreScheduledByTheInjectedClock() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        for kind in [JobKinds.prune, BillingJobs.kind] {
            _ = try JobQueue().enqueue(NewJob(kind: kind, dedupeKey: "\(kind):seed"), on: connection)
        }
        var logger = Logger(label: "codezero.test.jobs")
        logger.logLevel = .critical
        let runner = JobRunner(connection: database.connect(), logger: logger)
        // Development mode rotates server logs under the var directory: give it a throwaway one.
        let varDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("cz-clock-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: varDirectory) }
        let configuration = Configuration(environment: .development, varDirectory: varDirectory)
        JobsCommand.register(
            on: runner, billing: BillingServices(configuration: configuration, logger: logger), logger: logger,
            clock: { Self.fakeNow })
        let report = try runner.runOnce()
        #expect(report.completed == 2)

        let seconds = Int(Self.fakeNow.timeIntervalSince1970)
        let queued = try connection.query(
            "SELECT dedupe_key FROM jobs WHERE state = 'queued' ORDER BY dedupe_key"
        ).map { try $0.string("dedupe_key") }
        #expect(queued == ["\(BillingJobs.kind):\(seconds / 60 + 1)", "\(JobKinds.prune):\(seconds / 3600 + 1)"])
        let billed = try connection.query("SELECT extract(epoch FROM as_of)::int8 AS as_of FROM billing_runs")
        #expect(try billed.map { try $0.int("as_of") } == [seconds])
    }
}
