import Domain
import Foundation
import Postgres
import Storage
import TestSupport
import Testing
import Web

@testable import App

/// Issue #11, usage ingestion budgets: a bearer request's batch takes ONE statement — the token, its write budget
/// and, within the budget, `ingest_usage` (sql/0151, 0152) in one transaction
/// (`APITokenStore.resolve(tokenDigest:now:countingUnder:limit:taking:thenWithinBudget:_:)`) — and answers exactly what
/// the general path (`IngestUsage`: transaction, lock, closure read, validation, insert) answers.
@Suite(.serialized) struct UsageIngestStatementTests {
    static func event(
        _ id: String, _ quantity: String = "1", daysAgo: Int = 0, metric: String = "assistant_minutes"
    )
        -> JSON
    {
        let at = UsageRoutesTests.iso(Date().addingTimeInterval(-60 - 86_400 * Double(daysAgo)))
        return [
            "id": .string(id), "metric": .string(metric), "quantity": .string(quantity), "occurred_at": .string(at),
        ]
    }

    static func drafts(_ events: [JSON]) -> [UsageEventDraft] {
        events.map {
            UsageEventDraft(
                id: $0["id"]?.stringValue, metric: $0["metric"]?.stringValue, quantity: $0["quantity"]?.stringValue,
                occurredAt: $0["occurred_at"]?.stringValue)
        }
    }

    static func closeBefore(today company: String, _ connection: PostgresConnection) throws {
        try connection.transaction { connection in
            let store = UsageStore(connection: connection)
            try store.lockForClosing(companyID: company)
            try store.close(companyID: company, before: UsageDay(secondsSinceEpoch: Int(Date().timeIntervalSince1970)))
        }
    }

    static func quantities(_ company: String, _ connection: PostgresConnection) throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try connection.query(
            "SELECT event_id, quantity_milli FROM usage_events WHERE company_id = \(company)::uuid")
        {
            result[try row.string("event_id")] = try row.int("quantity_milli")
        }
        return result
    }

    @Test func aRevokedOrUnknownTokenStoresAndCountsNothing() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "revoked@example.com")
        let connection = harness.database.connect()
        let company = UsageRoutesTests.companyID(session)
        #expect(api.send("POST", "/api/v1/usage", json: ["events": [Self.event("before")]]).status == .accepted)
        try connection.execute("UPDATE api_tokens SET revoked_at = now()")
        func counted() throws -> Int {
            try connection.query(
                "SELECT coalesce(sum(count), 0)::bigint AS n FROM rate_limit_counts WHERE key LIKE 'write:user:%'"
            )[0].int("n")
        }
        let before = try counted()
        let refused = api.send("POST", "/api/v1/usage", json: ["events": [Self.event("after")]])
        #expect(refused.status == .unauthorized)
        #expect(refused.json["detail"] == "The bearer token is not valid.")
        let unknown = TestClient(harness.application)
        unknown.bearer = "cz_" + String(repeating: "A", count: 43)
        #expect(unknown.send("POST", "/api/v1/usage", json: ["events": [Self.event("x")]]).status == .unauthorized)
        #expect(try Self.quantities(company, connection) == ["before": 1_000])
        #expect(try counted() == before)
    }

    @Test func anotherCompanysEventsAreUntouchedAndReplaysCountNothing() throws {
        let harness = try BillingHarness()
        let (firstSession, first) = UsageRoutesTests.apiClient(harness, "one@example.com")
        let (secondSession, second) = UsageRoutesTests.apiClient(harness, "two@example.com")
        let connection = harness.database.connect()
        let batch: JSON = ["events": [Self.event("shared-1", "7"), Self.event("shared-2", "0.5")]]
        #expect(first.send("POST", "/api/v1/usage", json: batch).json["accepted"] == 2)
        let other: JSON = ["events": [Self.event("shared-1", "3"), Self.event("own", "1")]]
        let stored = second.send("POST", "/api/v1/usage", json: other)
        #expect(stored.status == .accepted)
        #expect(stored.json["accepted"] == 2)
        #expect(stored.json["duplicates"] == 0)
        let replay = first.send("POST", "/api/v1/usage", json: batch)
        #expect(replay.status == .accepted)
        #expect(replay.json["accepted"] == 0)
        #expect(replay.json["duplicates"] == 2)
        #expect(
            try Self.quantities(UsageRoutesTests.companyID(firstSession), connection) == [
                "shared-1": 7_000, "shared-2": 500,
            ])
        #expect(
            try Self.quantities(UsageRoutesTests.companyID(secondSession), connection) == [
                "shared-1": 3_000, "own": 1_000,
            ])
    }

    @Test func idsAndMetricsWithArraySyntaxAreStoredExactlyOrRefusedAsUnknown() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "syntax@example.com")
        let connection = harness.database.connect()
        let company = UsageRoutesTests.companyID(session)
        let odd = #"a"b\c{d},e NULL"#.replacingOccurrences(of: " ", with: "_")
        let batch: JSON = ["events": [Self.event(odd, "2"), Self.event("{}", "1"), Self.event("NULL", "1")]]
        #expect(api.send("POST", "/api/v1/usage", json: batch).json["accepted"] == 3)
        #expect(api.send("POST", "/api/v1/usage", json: batch).json["duplicates"] == 3)
        #expect(try Self.quantities(company, connection) == [odd: 2_000, "{}": 1_000, "NULL": 1_000])
        let strange = api.send(
            "POST", "/api/v1/usage",
            json: ["events": [Self.event("s-1", metric: #"x"},{"y\"#), Self.event("s-2", metric: "ü NULL {")]])
        #expect(strange.status == .unprocessableContent)
        #expect(
            strange.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } == [
                "/events/0/metric", "/events/1/metric",
            ])
        #expect(try Self.quantities(company, connection).count == 3)
    }

    /// sql/0192: a batch is inserted plainly first and falls back to the duplicate-skipping insert when one of its
    /// events is stored already — wherever that event stands, and also when the batch repeats an id.
    @Test func aBatchWithStoredEventsTakesExactlyTheNewOnesWhereverTheDuplicatesStand() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "partial@example.com")
        let connection = harness.database.connect()
        let company = UsageRoutesTests.companyID(session)
        func send(_ events: [JSON]) -> (accepted: JSON?, duplicates: JSON?) {
            let response = api.send("POST", "/api/v1/usage", json: ["events": .array(events)])
            #expect(response.status == .accepted)
            return (response.json["accepted"], response.json["duplicates"])
        }
        let first = send([Self.event("a-1", "1"), Self.event("a-2", "2"), Self.event("a-3", "3")])
        #expect(first.accepted == 3)
        // New first, stored later: the plain attempt is rolled back, the fallback takes the two new ones.
        let later = send([Self.event("b-1", "10"), Self.event("a-2", "20"), Self.event("b-2", "30")])
        #expect(later.accepted == 2)
        #expect(later.duplicates == 1)
        // Stored first: straight to the duplicate-skipping insert.
        let leading = send([Self.event("a-1", "40"), Self.event("c-1", "50"), Self.event("c-2", "60")])
        #expect(leading.accepted == 2)
        #expect(leading.duplicates == 1)
        // An id twice in one batch counts once (the first one).
        let twice = send([Self.event("d-1", "70"), Self.event("d-1", "80")])
        #expect(twice.accepted == 1)
        #expect(twice.duplicates == 1)
        #expect(
            try Self.quantities(company, connection) == [
                "a-1": 1_000, "a-2": 2_000, "a-3": 3_000, "b-1": 10_000, "b-2": 30_000, "c-1": 50_000,
                "c-2": 60_000, "d-1": 70_000,
            ])

        // Times keep their milliseconds whichever insert stored them.
        let store = UsageStore(connection: connection)
        let base = (Int(Date().timeIntervalSince1970) - 3_600) * 1_000
        let times = [base + 1, base + 123, base + 999]
        let events = times.enumerated().map { index, time in
            UsageEvent(
                id: "t-\(index)", metric: "assistant_minutes", quantity: UsageQuantity(thousandths: 1),
                occurredAtMilliseconds: time)
        }
        #expect(try store.ingest(companyID: company, events: events) == .stored(accepted: 3))
        let again =
            [
                UsageEvent(
                    id: "t-new", metric: "assistant_minutes", quantity: UsageQuantity(thousandths: 1),
                    occurredAtMilliseconds: base + 7)
            ] + events
        #expect(try store.ingest(companyID: company, events: again) == .stored(accepted: 1))
        let stored = try connection.query(
            """
            SELECT event_id, (extract(epoch FROM occurred_at) * 1000)::bigint AS ms FROM usage_events
            WHERE company_id = \(company)::uuid AND event_id LIKE 't-%' ORDER BY event_id
            """
        ).map { (try $0.string("event_id"), try $0.int("ms")) }
        #expect(stored.map(\.0) == ["t-0", "t-1", "t-2", "t-new"])
        #expect(stored.map(\.1) == times + [base + 7])
    }

    @Test func aBatchRefusedByTheDatabaseStoresNothingAndNamesEveryEventLikeTheGeneralPath() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "refused@example.com")
        let connection = harness.database.connect()
        let company = UsageRoutesTests.companyID(session)
        try Self.closeBefore(today: company, connection)
        let events = [
            Self.event("ok-1"), Self.event("late", daysAgo: 2), Self.event("ok-2"),
            Self.event("both", daysAgo: 3, metric: "no_such_metric"), Self.event("unknown", metric: "nope"),
        ]
        let response = api.send("POST", "/api/v1/usage", json: ["events": .array(events)])
        #expect(response.status == .unprocessableContent)
        let errors = response.json["errors"]?.arrayValue ?? []
        #expect(
            errors.compactMap { $0["pointer"]?.stringValue } == [
                "/events/1/occurred_at", "/events/3/metric", "/events/3/occurred_at", "/events/4/metric",
            ])
        #expect(
            errors.compactMap { $0["code"]?.stringValue } == [
                "closed_period", "unknown_metric", "closed_period", "unknown_metric",
            ])
        #expect(response.json["invalid_events"] == [1, 3, 4])
        #expect(response.json["detail"] == "3 of 5 events are invalid; nothing was stored.")
        #expect(try Self.quantities(company, connection).isEmpty)

        // The general path's verdict on the same batch is the same list.
        let metrics = try Set(PlanPriceStore(connection: connection).metrics().map(\.id))
        let general = try IngestUsage.run(
            Self.drafts(events), companyID: company, metrics: metrics,
            nowMilliseconds: Int(Date().timeIntervalSince1970 * 1_000), connection: connection)
        guard case .rejected(let rejections) = general else {
            Issue.record("the general path stored the batch: \(general)")
            return
        }
        #expect(
            rejections.map { "/events/\($0.index)/\($0.field)" } == errors.compactMap { $0["pointer"]?.stringValue })
        #expect(rejections.map(\.detail) == errors.compactMap { $0["detail"]?.stringValue })

        // Without the refused events the batch is taken whole.
        let valid = api.send("POST", "/api/v1/usage", json: ["events": [events[0], events[2]]])
        #expect(valid.json["accepted"] == 2)
        #expect(try Self.quantities(company, connection) == ["ok-1": 1_000, "ok-2": 1_000])
    }

    @Test func theStatementWaitsForAPeriodBeingClosedAndThenSeesTheClosure() throws {
        let harness = try BillingHarness()
        let (session, _) = UsageRoutesTests.apiClient(harness, "waits@example.com")
        let company = UsageRoutesTests.companyID(session)
        let closing = harness.database.connect()
        let observer = harness.database.connect()
        let late = [
            UsageEvent(
                id: "late", metric: "assistant_minutes", quantity: UsageQuantity(thousandths: 1_000),
                occurredAtMilliseconds: (Int(Date().timeIntervalSince1970) - 86_400 * 2) * 1_000)
        ]
        try closing.execute("BEGIN")
        let store = UsageStore(connection: closing)
        try store.lockForClosing(companyID: company)
        try store.close(companyID: company, before: UsageDay(secondsSinceEpoch: Int(Date().timeIntervalSince1970)))
        nonisolated(unsafe) let ingesting = harness.database.connect()
        let box = ResultBox<UsageStore.Ingestion>()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.result = Result { try UsageStore(connection: ingesting).ingest(companyID: company, events: late) }
            done.signal()
        }
        // The ingest waits for the advisory lock (seen in pg_locks), then the close commits.
        var waiting = false
        for _ in 0..<600 where !waiting {
            waiting =
                try observer.query(
                    "SELECT count(*)::bigint AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")[0].int(
                    "n") > 0
            if !waiting { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(waiting)
        try closing.execute("COMMIT")
        done.wait()
        #expect(try box.result?.get() == .refused([.closedPeriod(at: 0)]))
        #expect(try Self.quantities(company, observer).isEmpty)
    }

    @Test func theWriteBudgetIsCountedOnceAndAnswered429() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "budget@example.com")
        let connection = harness.database.connect()
        let user = try #require(session.send("GET", "/api/v1/me").json["user"]?["id"]?.stringValue)
        let key = "write:user:\(user)"
        let window = harness.configuration.accountWrites.window
        // The budget of this window and the next spent but one (a window change during the test changes nothing).
        let spent = harness.configuration.accountWrites.limit - 1
        let start = Int(Date().timeIntervalSince1970) / window * window
        for windowStart in [start, start + window] {
            try connection.execute(
                """
                INSERT INTO rate_limit_counts (key, window_start, count) VALUES (\(key), \(windowStart), \(spent))
                ON CONFLICT (key, window_start) DO UPDATE SET count = excluded.count
                """)
        }
        let last = api.send("POST", "/api/v1/usage", json: ["events": [Self.event("last")]])
        #expect(last.status == .accepted)
        let over = api.send("POST", "/api/v1/usage", json: ["events": [Self.event("over")]])
        #expect(over.status == .tooManyRequests)
        #expect(over.headers["Content-Type"] == "application/problem+json")
        let retry = try #require(over.headers["Retry-After"].flatMap { Int($0) })
        #expect((1...window).contains(retry))
        #expect(try Self.quantities(UsageRoutesTests.companyID(session), connection) == ["last": 1_000])
        // Counted exactly once per request: two requests since the two windows were spent.
        let counted = try connection.query(
            "SELECT sum(count)::bigint AS n FROM rate_limit_counts WHERE key = \(key) AND window_start >= \(start)"
        )[0].int("n")
        #expect(counted == 2 * spent + 2)
    }

    /// The counter row of `key` in the window starting at `window`: its count and the transaction that last wrote it.
    static func counter(_ key: String, _ window: Int, _ connection: PostgresConnection) throws -> (Int, String)? {
        try connection.query(
            "SELECT count::bigint AS n, xmin::text AS x FROM rate_limit_counts WHERE key = \(key) AND window_start = \(window)"
        ).first.map { (try $0.int("n"), try $0.string("x")) }
    }

    @Test func aCountTakesSixRequestsAheadAndTheWorkerSpendsThemWithoutTouchingTheCounter() throws {
        let harness = try BillingHarness()
        let connection = harness.database.connect()
        let limit = harness.configuration.accountWrites
        #expect(limit.takeAhead == 6)
        // Sent within one window (the window is a minute; a test straddling its end runs again with a new user).
        for attempt in 0..<2 {
            let (session, api) = UsageRoutesTests.apiClient(harness, "ahead\(attempt)@example.com")
            let user = try #require(session.send("GET", "/api/v1/me").json["user"]?["id"]?.stringValue)
            let key = "write:user:\(user)"
            let window = limit.windowStart(at: Int(Date().timeIntervalSince1970))
            // The token's creation was an API write of the session, counted apart.
            let before = try Self.counter(key, window, connection)?.0 ?? 0
            let first = api.send("POST", "/api/v1/usage", json: ["events": [Self.event("a-0")]])
            #expect(first.status == .accepted)
            let taken = try Self.counter(key, window, connection)
            var unchanged = true
            for n in 1...5 {
                #expect(api.send("POST", "/api/v1/usage", json: ["events": [Self.event("a-\(n)")]]).status == .accepted)
                unchanged = try unchanged && Self.counter(key, window, connection).map { $0 == taken! } ?? false
            }
            let seventh = api.send("POST", "/api/v1/usage", json: ["events": [Self.event("a-6")]])
            #expect(seventh.status == .accepted)
            let after = try Self.counter(key, window, connection)
            guard limit.windowStart(at: Int(Date().timeIntervalSince1970)) == window else { continue }
            // The first request counted six at once, the next five touched no counter row, the seventh six more.
            #expect(taken?.0 == before + 6)
            #expect(unchanged)
            #expect(after?.0 == before + 12)
            #expect(after?.1 != taken?.1)
            // All seven batches stored, each once.
            let stored = try Self.quantities(UsageRoutesTests.companyID(session), connection)
            #expect(stored == Dictionary(uniqueKeysWithValues: (0...6).map { ("a-\($0)", 1_000) }))
            return
        }
        Issue.record("two attempts straddled a window's end")
    }

    @Test func nearTheLimitEachRequestCountsOneAndTheBudgetIsNeverExceeded() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "edge@example.com")
        let connection = harness.database.connect()
        let user = try #require(session.send("GET", "/api/v1/me").json["user"]?["id"]?.stringValue)
        let key = "write:user:\(user)"
        let limit = harness.configuration.accountWrites
        let start = Int(Date().timeIntervalSince1970) / limit.window * limit.window
        // Three left in this window and the next (a window change during the test changes nothing).
        for windowStart in [start, start + limit.window] {
            try connection.execute(
                """
                INSERT INTO rate_limit_counts (key, window_start, count) VALUES (\(key), \(windowStart), \(limit.limit - 3))
                ON CONFLICT (key, window_start) DO UPDATE SET count = excluded.count
                """)
        }
        let answers = (0..<5).map {
            api.send("POST", "/api/v1/usage", json: ["events": [Self.event("edge-\($0)")]]).status
        }
        #expect(answers == [.accepted, .accepted, .accepted, .tooManyRequests, .tooManyRequests])
        #expect(
            try Self.quantities(UsageRoutesTests.companyID(session), connection).keys.sorted() == [
                "edge-0", "edge-1", "edge-2",
            ])
    }

    @Test func requestsTakenAheadBelongToTheirTokenAndWindowAndTheTableIsBounded() {
        let ahead = BudgetTakenAhead()
        let token: [UInt8] = Array(repeating: 1, count: 32)
        let other: [UInt8] = Array(repeating: 2, count: 32)
        #expect(ahead.spend(token, window: 60) == nil)
        ahead.keep(token, window: 60, remaining: 2, lastUsed: 1_000)
        #expect(ahead.spend(other, window: 60) == nil)
        #expect(ahead.spend(token, window: 120) == nil)
        #expect(ahead.spend(token, window: 60) == 1_000)
        // The last-used time a spent request saw is what the next one takes.
        ahead.saw(token, lastUsed: 1_070)
        ahead.saw(other, lastUsed: 5)
        #expect(ahead.spend(token, window: 60) == 1_070)
        #expect(ahead.spend(token, window: 60) == nil)
        ahead.keep(token, window: 60, remaining: 3)
        ahead.keep(token, window: 60, remaining: 0)
        #expect(ahead.spend(token, window: 60) == nil)
        #expect(ahead.remaining(other, window: 60) == 0)
        for n in 0..<BudgetTakenAhead.capacity {
            ahead.keep([UInt8(n & 0xff), UInt8(n >> 8)], window: 60, remaining: 1)
        }
        #expect(ahead.remaining([0, 0], window: 60) == 1)
        ahead.keep(token, window: 60, remaining: 1)
        #expect(ahead.remaining([0, 0], window: 60) == 0)
        #expect(ahead.remaining(token, window: 60) == 1)
    }

    @Test func aRequestTakenAheadIsTheTokensLookUpAloneWhileTheTouchItSawIsRecent() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "lookup@example.com")
        let connection = harness.database.connect()
        let company = UsageRoutesTests.companyID(session)
        let bearer = try #require(api.bearer)
        let digest = try #require(APITokenStore.digest(ofPlausible: bearer))
        let tokens = APITokenStore(connection: connection)
        func lastUsed() throws -> Double {
            try connection.query("SELECT extract(epoch FROM last_used_at)::float8 AS t FROM api_tokens")[0].double("t")
        }
        func counted() throws -> Int {
            try connection.query(
                "SELECT coalesce(sum(count), 0)::bigint AS n FROM rate_limit_counts WHERE key LIKE 'write:user:%'"
            )[0].int("n")
        }
        func send(
            _ id: String, _ take: APITokenStore.BudgetTake
        ) throws -> (
            principal: Principal, budget: APITokenStore.BudgetOutcome, rows: [PostgresRow], lastUsed: Double
        )? {
            let event = UsageEvent(
                id: id, metric: "assistant_minutes", quantity: UsageQuantity(thousandths: 1_000),
                occurredAtMilliseconds: (Int(Date().timeIntervalSince1970) - 60) * 1_000)
            return try tokens.resolve(
                tokenDigest: digest, now: Date(), countingUnder: RequestContext.writeBudgetKeyPrefix,
                limit: harness.configuration.accountWrites, taking: take,
                thenWithinBudget: UsageStore.ingestAlongWithToken, UsageStore.ingestBinds([event]))
        }
        let before = try counted()
        // Stored two minutes ago, but the worker saw a touch 30 s ago: the look-up alone runs, nothing is touched.
        try connection.execute("UPDATE api_tokens SET last_used_at = now() - interval '2 minutes'")
        let stale = try lastUsed()
        let seen = Date().timeIntervalSince1970 - 30
        let alone = try #require(try send("alone", .takenAhead(lastUsed: seen)))
        #expect(alone.budget == .took(requests: 0))
        #expect(try UsageStore.ingestion(alone.rows) == .stored(accepted: 1))
        #expect(try lastUsed() == stale)
        #expect(alone.lastUsed == seen)
        // Seen two minutes ago: the touch is due and written, still without a count.
        let touched = try #require(try send("touched", .takenAhead(lastUsed: stale)))
        #expect(try UsageStore.ingestion(touched.rows) == .stored(accepted: 1))
        let now = try lastUsed()
        #expect(now > stale + 60)
        #expect(abs(touched.lastUsed - now) < 0.001)
        // A count touches nothing within the minute and answers the stored time.
        let counting = try #require(try send("counting", .count(requests: 6)))
        #expect(counting.budget == .took(requests: 6))
        #expect(counting.lastUsed == now)
        #expect(try lastUsed() == now)
        #expect(try counted() == before + 6)
        // Revoked, or its user disabled: refused by the look-up alone too, nothing stored.
        try connection.execute("UPDATE api_tokens SET revoked_at = now()")
        #expect(try send("revoked", .takenAhead(lastUsed: now)) == nil)
        try connection.execute("UPDATE api_tokens SET revoked_at = NULL")
        try connection.execute("UPDATE users SET disabled_at = now() WHERE email = 'lookup@example.com'")
        #expect(try send("disabled", .takenAhead(lastUsed: now)) == nil)
        #expect(
            try Self.quantities(company, connection) == ["alone": 1_000, "touched": 1_000, "counting": 1_000])
    }

    @Test func theBudgetsCountAndTheEventsCommitInOneTransaction() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "together@example.com")
        let connection = harness.database.connect()
        let user = try #require(session.send("GET", "/api/v1/me").json["user"]?["id"]?.stringValue)
        let company = UsageRoutesTests.companyID(session)
        let stored = api.send("POST", "/api/v1/usage", json: ["events": [Self.event("one"), Self.event("two")]])
        #expect(stored.json["accepted"] == 2)
        // The events record their transaction's id; the counter row was last written by the same transaction.
        let transactions = try connection.query(
            """
            SELECT DISTINCT (xact % 4294967296)::text AS x FROM usage_events WHERE company_id = \(company)::uuid
            UNION SELECT xmin::text FROM rate_limit_counts WHERE key = \("write:user:\(user)")
            """)
        #expect(transactions.count == 1)
    }

    @Test func bodiesOfAnotherShapeAreReadTheGeneralWayWithTheSameVerdicts() throws {
        let harness = try BillingHarness()
        let (session, api) = UsageRoutesTests.apiClient(harness, "shapes@example.com")
        let connection = harness.database.connect()
        let company = UsageRoutesTests.companyID(session)
        let at = UsageRoutesTests.iso(Date().addingTimeInterval(-60))
        // Another member beside the four (ignored), members in another order, an escaped id: all stored.
        let extra: JSON = [
            "occurred_at": .string(at), "quantity": "2", "metric": "assistant_minutes", "id": "extra", "note": "x",
        ]
        let reordered: JSON = [
            "quantity": "3", "id": "q\"b\\/", "occurred_at": .string(at), "metric": "assistant_minutes",
        ]
        let response = api.send("POST", "/api/v1/usage", json: ["events": [extra, reordered], "source": "meter"])
        #expect(response.status == .accepted)
        #expect(response.json["accepted"] == 2)
        #expect(try Self.quantities(company, connection) == ["extra": 2_000, "q\"b\\/": 3_000])
        // A missing member is named the same way on both paths.
        let missing: JSON = ["id": "m", "metric": "assistant_minutes", "occurred_at": .string(at)]
        for body: JSON in [["events": [missing]], ["events": [missing], "source": "meter"]] {
            let refused = api.send("POST", "/api/v1/usage", json: body)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json["errors"]?[0]?["pointer"] == "/events/0/quantity")
            #expect(refused.json["errors"]?[0]?["code"] == "required")
        }
        // A NUL escape in a member is refused as before.
        let nul: JSON = ["id": "a\u{0}b", "metric": "assistant_minutes", "quantity": "1", "occurred_at": .string(at)]
        let refused = api.send("POST", "/api/v1/usage", json: ["events": [nul]])
        #expect(refused.status == .unprocessableContent)
        #expect(refused.json["errors"]?[0]?["code"] == "control_character")
        #expect(try Self.quantities(company, connection).count == 2)
    }

    @Test func theTokensLastUseIsWrittenAtMostOncePerMinute() throws {
        let harness = try BillingHarness()
        let (_, api) = UsageRoutesTests.apiClient(harness, "touch@example.com")
        let connection = harness.database.connect()
        func lastUsed() throws -> Double {
            try connection.query("SELECT extract(epoch FROM last_used_at)::float8 AS t FROM api_tokens")[0].double("t")
        }
        try connection.execute("UPDATE api_tokens SET last_used_at = now() - interval '2 minutes'")
        let old = try lastUsed()
        #expect(api.send("POST", "/api/v1/usage", json: ["events": [Self.event("a")]]).status == .accepted)
        let touched = try lastUsed()
        #expect(touched > old + 60)
        #expect(api.send("POST", "/api/v1/usage", json: ["events": [Self.event("b")]]).status == .accepted)
        #expect(try lastUsed() == touched)
    }
}

/// Carries a thread's result to the waiting test.
final class ResultBox<Value: Sendable>: @unchecked Sendable {
    var result: Result<Value, any Error>?
}
