import Dispatch
import Domain
import Foundation
import Logging
import Postgres
import Storage
import Synchronization
import TestSupport
import Testing
import Web

@testable import App

#if canImport(Glibc)
    import Glibc
#endif

/// Append-only usage ingestion and the fold (migration 0150) against a real PostgreSQL: a request only inserts
/// events, the jobs process folds them into `usage_daily` later, every reader adds the not yet folded tail, and
/// each event is folded exactly once — under concurrent folds, concurrent ingestion and a SIGKILLed jobs process.
@Suite(.serialized) struct UsageFoldTests {
    static var logger: Logger {
        var logger = Logger(label: "codezero.test.usage-fold")
        logger.logLevel = .critical
        return logger
    }

    /// (events, milli) in `usage_daily` and in `usage_events` for `company`.
    static func sums(_ connection: PostgresConnection, company: String) throws -> (daily: [Int], events: [Int]) {
        let row = try connection.query(
            """
            SELECT (SELECT coalesce(sum(events), 0) FROM usage_daily WHERE company_id = \(company)::uuid)::bigint AS de,
                (SELECT coalesce(sum(quantity_milli), 0) FROM usage_daily WHERE company_id = \(company)::uuid)::bigint
                    AS dq,
                (SELECT count(*) FROM usage_events WHERE company_id = \(company)::uuid)::bigint AS ee,
                (SELECT coalesce(sum(quantity_milli), 0) FROM usage_events WHERE company_id = \(company)::uuid)::bigint
                    AS eq
            """)[0]
        return ([try row.int("de"), try row.int("dq")], [try row.int("ee"), try row.int("eq")])
    }

    /// Rows of `usage_daily` that differ from the events they should sum (all companies); empty when exact.
    static func mismatches(_ connection: PostgresConnection) throws -> Int {
        try connection.query(
            """
            SELECT count(*)::bigint AS n FROM (
                SELECT company_id, metric, (occurred_at AT TIME ZONE 'UTC')::date AS day, sum(quantity_milli) AS q,
                    count(*) AS e FROM usage_events GROUP BY 1, 2, 3
            ) AS raw FULL JOIN usage_daily d USING (company_id, metric, day)
            WHERE raw.q IS DISTINCT FROM d.quantity_milli OR raw.e IS DISTINCT FROM d.events
            """)[0].int("n")
    }

    static func events(_ prefix: String, count: Int, quantity: Int, at seconds: Int) -> [UsageEvent] {
        (0..<count).map {
            UsageEvent(
                id: "\(prefix)-\($0)", metric: "assistant_minutes", quantity: UsageQuantity(thousandths: quantity),
                occurredAtMilliseconds: (seconds + $0 % 7_200) * 1_000)
        }
    }

    /// Folds until nothing is left unfolded. The fold's horizon is the oldest transaction running anywhere in the
    /// cluster, and other suites' databases share this test cluster: their open transactions may hold a fold back
    /// for a moment (readers stay exact meanwhile), so this folds again until the tail is empty.
    static func foldAll(_ connection: PostgresConnection) throws -> Int {
        var folded = try FoldUsage.run(connection: connection, logger: Self.logger)
        let deadline = Date().addingTimeInterval(60)
        while try UsageStore(connection: connection).unfoldedEvents() > 0 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            folded += try FoldUsage.run(connection: connection, logger: Self.logger)
        }
        return folded
    }

    static func company(_ connection: PostgresConnection, _ name: String) throws -> String {
        try connection.query("INSERT INTO companies (name, country) VALUES (\(name), 'DE') RETURNING id::text AS id")[0]
            .string("id")
    }

    @Test func theRequestOnlyAppendsAndCurrentUsageIsExactBeforeAndAfterTheFold() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "fold@example.com")
        let company = UsageRoutesTests.companyID(session)
        let connection = harness.database.connect()
        let batch: JSON = ["events": .array((1...4).map { UsageRoutesTests.event("f-\($0)", "2.5") })]
        #expect(api.send("POST", "/api/v1/usage", json: batch).json["accepted"] == 4)
        // Nothing was aggregated by the request: the events are the tail.
        #expect(try Self.sums(connection, company: company).daily == [0, 0])
        #expect(try UsageStore(connection: connection).unfoldedEvents() == 4)
        let before = session.send("GET", "/api/v1/usage/current")
        let minutes = before.json["metrics"]?.arrayValue?.first { $0["metric"] == "assistant_minutes" }
        #expect(minutes?["used"] == "10")
        let tag = try #require(before.headers["ETag"])

        // The fold moves the tail into usage_daily; the answer is the same, so is its ETag (304 still works).
        #expect(try Self.foldAll(connection) == 4)
        #expect(try Self.sums(connection, company: company).daily == [4, 10_000])
        #expect(try UsageStore(connection: connection).unfoldedEvents() == 0)
        let after = session.send("GET", "/api/v1/usage/current", headers: ["If-None-Match": tag])
        #expect(after.status == .notModified)
        #expect(after.headers["ETag"] == tag)
        // A second fold finds nothing; a replay counts nothing either.
        #expect(try Self.foldAll(connection) == 0)
        #expect(api.send("POST", "/api/v1/usage", json: batch).json["accepted"] == 0)

        // Folded part + new tail: exact, and the ETag changes because the answer does.
        #expect(
            api.send("POST", "/api/v1/usage", json: ["events": [UsageRoutesTests.event("f-5", "0.5")]]).status
                == .accepted)
        let mixed = session.send("GET", "/api/v1/usage/current", headers: ["If-None-Match": tag])
        #expect(mixed.status == .ok)
        #expect(mixed.headers["ETag"] != tag)
        #expect(mixed.json["metrics"]?.arrayValue?.first { $0["metric"] == "assistant_minutes" }?["used"] == "10.5")
        let today = UsageDay(secondsSinceEpoch: Int(Date().timeIntervalSince1970))
        let month = UsagePeriod.calendarMonth(containing: today)
        #expect(
            try UsageStore(connection: connection).totals(companyID: company, period: month)
                == ["assistant_minutes": UsageQuantity(thousandths: 10_500)])
        let daily = try UsageStore(connection: connection).daily(
            companyID: company, metric: "assistant_minutes", period: month)
        #expect(daily.reduce(0) { $0 + $1.1.thousandths } == 10_500)
        #expect(try Self.foldAll(connection) == 1)
        #expect(try Self.mismatches(connection) == 0)
        #expect(session.send("GET", "/api/v1/usage/current").headers["ETag"] == mixed.headers["ETag"])
    }

    @Test func concurrentFoldsAndIngestionFoldEveryEventExactlyOnce() throws {
        let database = try TestDatabase.makeMigrated()
        let setup = database.connect()
        let companies = try (0..<3).map { try Self.company(setup, "Fold \($0)") }
        let now = Int(Date().timeIntervalSince1970) - 3 * 86_400
        let writers = 4
        let folders = 3
        let batches = 30
        let shared = Shared()
        let group = DispatchGroup()
        let connectionString = database.connectionString
        for writer in 0..<writers {
            DispatchQueue.global().async(group: group) {
                let connection = PostgresConnection(connectionString)
                defer { connection.close() }
                for batch in 0..<batches {
                    let company = companies[(writer + batch) % companies.count]
                    let events = Self.events("w\(writer)-b\(batch)", count: 1 + batch % 9, quantity: 250, at: now)
                    do {
                        _ = try connection.transaction { transaction in
                            try UsageStore(connection: transaction).insert(companyID: company, events: events)
                        }
                    } catch {
                        shared.failures.add(1, ordering: .relaxed)
                    }
                }
            }
        }
        let folding = DispatchGroup()
        for _ in 0..<folders {
            DispatchQueue.global().async(group: folding) {
                let connection = PostgresConnection(connectionString)
                defer { connection.close() }
                while !shared.stop.load(ordering: .relaxed) {
                    do {
                        // A small span: many batches, each bounded by transaction ids.
                        _ = try FoldUsage.run(connection: connection, logger: Self.logger, maximumSpan: 3)
                    } catch {
                        shared.failures.add(1, ordering: .relaxed)
                    }
                }
            }
        }
        group.wait()
        shared.stop.store(true, ordering: .relaxed)
        folding.wait()
        #expect(shared.failures.load(ordering: .relaxed) == 0)
        // Whatever the concurrent folds left is the tail: readers count it, one more fold takes it.
        let expected = (0..<batches).reduce(0) { $0 + 1 + $1 % 9 } * writers
        let store = UsageStore(connection: setup)
        let period = UsagePeriod(
            start: UsageDay(secondsSinceEpoch: now), end: UsageDay(secondsSinceEpoch: now).advanced(by: 2))
        let total = try companies.reduce(0) {
            $0 + (try store.totals(companyID: $1, period: period)["assistant_minutes"]?.thousandths ?? 0)
        }
        #expect(total == expected * 250)
        _ = try Self.foldAll(setup)
        #expect(try store.unfoldedEvents() == 0)
        #expect(try Self.mismatches(setup) == 0)
        let counters = try setup.query("SELECT folded_events FROM usage_fold")[0]
        #expect(try counters.int("folded_events") == expected)
    }

    @Test func aFoldThatDiesBeforeItsCommitFoldsNothingAndTheNextFoldsAll() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let company = try Self.company(connection, "Abbruch GmbH")
        let now = Int(Date().timeIntervalSince1970) - 86_400
        _ = try connection.transaction {
            try UsageStore(connection: $0).insert(
                companyID: company, events: Self.events("k", count: 50, quantity: 1_000, at: now))
        }
        // Until the fold's horizon has passed them (another suite's transaction may hold it back a moment).
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let passed = try connection.query(
                """
                SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint > (SELECT max(xact) FROM usage_events)
                    AS passed
                """)[0]
            if try passed.bool("passed") { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        // The connection is cut inside the fold's transaction (what a SIGKILL of the jobs process does to it).
        let dying = database.connect()
        try dying.execute("BEGIN")
        let fold = try #require(try UsageStore(connection: dying).fold())
        #expect(fold.events == 50)
        let pid = try dying.query("SELECT pg_backend_pid()::int8 AS pid")[0].int("pid")
        _ = try connection.query("SELECT pg_terminate_backend(\(pid)::int)")
        _ = try? dying.execute("COMMIT")
        dying.close()
        #expect(try Self.sums(connection, company: company).daily == [0, 0])
        #expect(try UsageStore(connection: connection).unfoldedEvents() == 50)
        #expect(try Self.foldAll(connection) == 50)
        #expect(try Self.sums(connection, company: company).daily == [50, 50_000])
    }

    /// The real jobs process, SIGKILLed while its fold statement runs (held mid-statement by a row lock the test
    /// takes on one aggregate row), then started again: every event is in `usage_daily` exactly once.
    @Test func theJobsProcessKilledMidFoldFoldsEveryEventOnceAfterItsRestart() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let companies = try (0..<4).map { try Self.company(connection, "Kill \($0)") }
        let now = Int(Date().timeIntervalSince1970) - 86_400
        // One event folded before: its aggregate row is the one the test will hold.
        _ = try connection.transaction {
            try UsageStore(connection: $0).insert(
                companyID: companies[0], events: Self.events("seed", count: 1, quantity: 125, at: now))
        }
        #expect(try Self.foldAll(connection) == 1)
        try connection.execute(
            """
            INSERT INTO usage_events (company_id, event_id, metric, quantity_milli, occurred_at)
            SELECT c.id, 'bulk-' || g, 'assistant_minutes', 125, to_timestamp(\(now) + g % 7200)
            FROM companies c, generate_series(1, 5000) AS g WHERE c.name LIKE 'Kill %'
            """)
        let total = 1 + 4 * 5_000
        let holder = database.connect()
        try holder.execute("BEGIN")
        _ = try holder.query(
            """
            SELECT events FROM usage_daily WHERE company_id = \(companies[0])::uuid
                AND day = (to_timestamp(\(now)) AT TIME ZONE 'UTC')::date FOR UPDATE
            """)
        let jobs = try Self.startJobs(database)
        let held = try Self.waitForBlockedFold(connection, timeout: 60)
        kill(jobs.processIdentifier, SIGKILL)
        jobs.waitUntilExit()
        try holder.execute("ROLLBACK")
        holder.close()
        try Self.waitUntilBackendsGone(connection)
        #expect(held, "the fold was never seen waiting mid-statement")
        // The killed fold rolled back whole: nothing of the backlog is in usage_daily, the watermark did not move.
        let marker = try connection.query("SELECT folded_events FROM usage_fold")[0]
        #expect(try marker.int("folded_events") == 1)
        #expect(try Self.sums(connection, company: companies[0]).daily == [1, 125])
        #expect(try UsageStore(connection: connection).unfoldedEvents() == total - 1)
        // Readers are exact in between.
        let period = UsagePeriod(
            start: UsageDay(secondsSinceEpoch: now), end: UsageDay(secondsSinceEpoch: now).advanced(by: 2))
        #expect(
            try UsageStore(connection: connection).totals(companyID: companies[0], period: period)["assistant_minutes"]
                == UsageQuantity(thousandths: 5_001 * 125))

        let restarted = try Self.startJobs(database)
        // SIGKILL: a process spawned from a test thread inherits its blocked SIGTERM.
        defer {
            kill(restarted.processIdentifier, SIGKILL)
            restarted.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(120)
        while try UsageStore(connection: connection).unfoldedEvents() > 0 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(try UsageStore(connection: connection).unfoldedEvents() == 0)
        #expect(try Self.mismatches(connection) == 0)
        #expect(try connection.query("SELECT folded_events FROM usage_fold")[0].int("folded_events") == total)
    }

    /// sql/0192: a company's unfolded tail is read through the index on (xact, company_id) however many events
    /// the table holds. The tail starts at the watermark, which the planner cannot know; bounded on one side only it
    /// assumed a third of the table and scanned all of it (1.5 s for one company's usage with 28 million events).
    @Test func aCompanysTailIsReadThroughTheIndexHoweverLargeTheTable() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let company = try Self.company(connection, "Large")
        // 100,000 folded events of 20 companies, as if months of usage were stored: ids of transactions below the
        // watermark, in no particular order on disk (many sessions inserted them).
        let others = try (1...19).map { try Self.company(connection, "Other \($0)") }
        let companies = "{" + ([company] + others).joined(separator: ",") + "}"
        try connection.execute(
            """
            INSERT INTO usage_events (company_id, event_id, metric, quantity_milli, occurred_at, xact)
            SELECT (\(companies)::uuid[])[1 + n % 20], 'old-' || n, 'assistant_minutes', 1000,
                now() - interval '40 days', floor(random() * (SELECT folded_below FROM usage_fold))::bigint
            FROM generate_series(1, 100000) AS n
            """)
        try connection.execute("ANALYZE usage_events")
        let now = Int(Date().timeIntervalSince1970) - 10
        let store = UsageStore(connection: connection)
        #expect(
            try store.ingest(companyID: company, events: Self.events("new", count: 3, quantity: 500, at: now))
                == .stored(accepted: 3))
        let month = UsagePeriod.calendarMonth(containing: UsageDay(secondsSinceEpoch: now))
        let plan = try connection.query(
            """
            EXPLAIN SELECT metric, sum(quantity_milli)::bigint AS total FROM usage_daily_exact
            WHERE company_id = \(company)::uuid AND day >= DATE '1970-01-01' + \(month.start.daysSinceEpoch)::integer
                AND day < DATE '1970-01-01' + \(month.end.daysSinceEpoch)::integer
            GROUP BY metric
            """
        ).map { try $0.string("QUERY PLAN") }.joined(separator: "\n")
        #expect(plan.contains("usage_events_unfolded"), "\(plan)")
        #expect(!plan.contains("Seq Scan on usage_events"), "\(plan)")
        #expect(
            try store.totals(companyID: company, period: month) == [
                "assistant_minutes": UsageQuantity(thousandths: 1_500)
            ])
        #expect(try store.unfoldedEvents() == 3)
    }

    /// sql/0193: the application's role runs without JIT compilation (it compiled for 16 ms to answer a usage read
    /// in 0.1 ms); a role setting, so that it holds behind a pooler that refuses startup options.
    @Test func theApplicationsSessionsRunWithoutJIT() throws {
        let database = try TestDatabase.makeMigrated()
        #expect(try database.connect().query("SHOW jit")[0].string("jit") == "off")
    }

    /// The tail's upper bound (sql/0192) is the newest transaction the snapshot can see — or the reader's own: a
    /// repeatable-read transaction whose snapshot is older than its own id still counts the events it inserted.
    @Test func aTransactionCountsItsOwnEventsWhenItsIdIsNewerThanItsSnapshot() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let other = database.connect()
        let company = try Self.company(connection, "Own")
        let now = Int(Date().timeIntervalSince1970) - 10
        let month = UsagePeriod.calendarMonth(containing: UsageDay(secondsSinceEpoch: now))
        try connection.transaction(isolation: .repeatableRead) { transaction in
            let store = UsageStore(connection: transaction)
            #expect(try store.totals(companyID: company, period: month).isEmpty)  // the snapshot, no id yet
            // Another transaction takes the next id, so this one's id will be newer than its snapshot's bound.
            _ = try other.query("SELECT pg_current_xact_id()::text AS id")
            #expect(
                try store.ingest(companyID: company, events: Self.events("own", count: 3, quantity: 1_000, at: now))
                    == .stored(accepted: 3))
            #expect(
                try store.totals(companyID: company, period: month)
                    == ["assistant_minutes": UsageQuantity(thousandths: 3_000)])
            #expect(try store.unfoldedEvents() == 3)
        }
    }

    @Test func eventsAcceptedJustBeforeTheBillingRunAreBilledOnce() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "tail-billing@example.com")
        let company = UsageRoutesTests.companyID(session)
        let connection = harness.database.connect()
        let subscription = try BillingRunTests.subscribe(connection, companyID: company)
        // 1,200 minutes folded, then 300 more accepted and not folded when the run starts: 500 over 1,000 × 5 ct.
        #expect(BillingRunTests.ingest(api, [("early", "1200", subscription.start + 3_600)]).json["accepted"] == 1)
        #expect(try Self.foldAll(connection) == 1)
        #expect(BillingRunTests.ingest(api, [("late", "300", subscription.end - 60)]).json["accepted"] == 1)
        #expect(try UsageStore(connection: connection).unfoldedEvents() == 1)
        let report = try BillingRunTests.billing(connection).run(
            asOf: Int(Date().timeIntervalSince1970), trigger: "command")
        #expect(report.closed == 1)
        let close = try #require(
            try BillingRunStore(connection: connection).closes(subscriptionID: subscription.id).first)
        #expect(close.usageCents == 2_500)
        // Folding afterwards changes no bill and the next run closes nothing.
        #expect(try Self.foldAll(connection) == 1)
        #expect(
            try BillingRunTests.billing(connection).run(asOf: Int(Date().timeIntervalSince1970), trigger: "command")
                .closed == 0)
        #expect(try BillingRunStore(connection: connection).closes(subscriptionID: subscription.id).count == 1)
        #expect(try Self.mismatches(connection) == 0)
    }

    static func startJobs(_ database: TestDatabase) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BillingRunCrashTests.executable)
        process.arguments = ["jobs"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = database.connectionString
        environment["CODEZERO_ENV"] = "development"
        environment["CODEZERO_LOG_LEVEL"] = "error"
        environment["CODEZERO_VAR"] =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("cz-fold-\(UUID().uuidString)").path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// True once the jobs process's fold statement is seen waiting for a row lock (mid-statement).
    static func waitForBlockedFold(_ connection: PostgresConnection, timeout: TimeInterval) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let rows = try connection.query(
                """
                SELECT count(*)::int8 AS n FROM pg_stat_activity
                WHERE application_name = 'codezero-usage-fold' AND state = 'active' AND wait_event_type = 'Lock'
                """)
            if try rows[0].int("n") > 0 { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    static func waitUntilBackendsGone(_ connection: PostgresConnection) throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let rows = try connection.query(
                "SELECT count(*)::int8 AS n FROM pg_stat_activity WHERE application_name = 'codezero-usage-fold'")
            if try rows[0].int("n") == 0 { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Flags the test's threads share.
    final class Shared: Sendable {
        let stop = Atomic<Bool>(false)
        let failures = Atomic<Int>(0)
    }
}
