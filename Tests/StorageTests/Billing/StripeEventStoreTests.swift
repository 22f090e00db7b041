import Postgres
import Storage
import TestSupport
import Testing

@Suite struct StripeEventStoreTests {
    @Test func anEventIsStoredOnceWhateverTheDeliveries() throws {
        let database = try TestDatabase.makeMigrated()
        let results = TestThreads.run(count: 6) { _ in
            let connection = database.connect()
            defer { connection.close() }
            return try StripeEventStore(connection: connection).insertIfNew(
                id: "evt_test_1", type: "checkout.session.completed", livemode: false, apiVersion: "2026-10-28.endive",
                createdUnix: 1_764_000_000, payload: #"{"id":"evt_test_1"}"#)
        }
        #expect(try results.map { try $0.get() }.filter { $0 }.count == 1)
        let store = StripeEventStore(connection: database.connect())
        #expect(try store.count() == 1)
        #expect(try store.payload(id: "evt_test_1") == #"{"id":"evt_test_1"}"#)
        try store.markProcessed(id: "evt_test_1", outcome: "fulfilled")
    }

    /// The body is kept byte for byte as it was signed (sql/0194: `json`, not `jsonb`, which reordered the keys and
    /// dropped the white space), so its signature can be checked again later; text that is not JSON is refused.
    @Test func theStoredPayloadIsTheSignedBodyByteForByte() throws {
        let database = try TestDatabase.makeMigrated()
        let store = StripeEventStore(connection: database.connect())
        let body =
            "{\"type\": \"payment_intent.created\",\n  \"id\":\"evt_verbatim\", \"data\":{\"object\":{\"b\":1,\"a\":2}} }"
        #expect(
            try store.insertIfNew(
                id: "evt_verbatim", type: "payment_intent.created", livemode: false, apiVersion: nil,
                createdUnix: 1_764_000_000, payload: body))
        #expect(try store.payload(id: "evt_verbatim") == body)
        #expect(throws: PostgresError.self) {
            try store.insertIfNew(
                id: "evt_not_json", type: "payment_intent.created", livemode: false, apiVersion: nil,
                createdUnix: 1_764_000_000, payload: "{\"id\":")
        }
        #expect(try store.count() == 1)
    }

    static func store(_ store: StripeEventStore, _ id: String) throws -> Bool {
        try store.insertIfNew(
            id: id, type: "payment_intent.created", livemode: false, apiVersion: nil, createdUnix: 1_764_000_000,
            payload: #"{"id":"\#(id)"}"#)
    }

    /// The webhook stores only the event (sql/0180); the jobs process queues its job later, oldest first, once.
    @Test func aStoredEventGetsExactlyOneJobWhenItIsQueued() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let store = StripeEventStore(connection: connection)
        #expect(try Self.store(store, "evt_queue_b"))
        #expect(try Self.store(store, "evt_queue_a"))
        let jobs: PostgresQuery = "SELECT count(*)::bigint FROM jobs WHERE kind = 'stripe.event'"
        #expect(try connection.query(jobs)[0].int(0) == 0)

        #expect(try store.queueJobs(jobKind: "stripe.event", maxAttempts: 12, limit: 1) == 1)
        #expect(try store.queueJobs(jobKind: "stripe.event", maxAttempts: 12, limit: 256) == 1)
        #expect(try store.queueJobs(jobKind: "stripe.event", maxAttempts: 12, limit: 256) == 0)
        let rows = try connection.query(
            """
            SELECT dedupe_key, payload->>'event_id' AS event_id, max_attempts, state FROM jobs
            WHERE kind = 'stripe.event' ORDER BY id
            """)
        #expect(try rows.map { try $0.string("dedupe_key") } == ["stripe:evt_queue_b", "stripe:evt_queue_a"])
        #expect(try rows.map { try $0.string("event_id") } == ["evt_queue_b", "evt_queue_a"])
        #expect(try rows.allSatisfy { try $0.int("max_attempts") == 12 && $0.string("state") == "queued" })

        // A redelivery after the job was queued stores nothing and queues nothing.
        #expect(try !Self.store(store, "evt_queue_a"))
        #expect(try store.queueJobs(jobKind: "stripe.event", maxAttempts: 12, limit: 256) == 0)
        #expect(try connection.query(jobs)[0].int(0) == 2)
    }

    @Test func concurrentQueuingGivesEveryEventOneJob() throws {
        let database = try TestDatabase.makeMigrated()
        let store = StripeEventStore(connection: database.connect())
        for index in 0..<200 { #expect(try Self.store(store, "evt_many_\(index)")) }
        let results = TestThreads.run(count: 4) { _ -> Int in
            let connection = database.connect()
            defer { connection.close() }
            var queued = 0
            while true {
                let batch = try StripeEventStore(connection: connection).queueJobs(
                    jobKind: "stripe.event", maxAttempts: 12, limit: 16)
                if batch == 0 { return queued }
                queued += batch
            }
        }
        #expect(try results.map { try $0.get() }.reduce(0, +) == 200)
        let connection = database.connect()
        let counts = try connection.query(
            """
            SELECT count(*)::bigint AS jobs, count(DISTINCT dedupe_key)::bigint AS keys,
                (SELECT count(*) FROM stripe_events WHERE NOT job_queued)::bigint AS waiting
            FROM jobs WHERE kind = 'stripe.event'
            """)[0]
        #expect(try counts.int("jobs") == 200 && counts.int("keys") == 200 && counts.int("waiting") == 0)
    }

    /// A stored event wakes an idle jobs process like a queued job does (sql/0080's rule): not while a runner is busy.
    @Test func aStoredEventWakesTheJobsProcessOnlyWhileNoRunnerIsBusy() throws {
        let database = try TestDatabase.makeMigrated()
        let listener = database.connect()
        try listener.listen("codezero_jobs")
        let connection = database.connect()
        let store = StripeEventStore(connection: connection)
        try connection.execute(
            "INSERT INTO jobs_runners (worker, busy_until) VALUES ('busy', now() + interval '1 minute')")
        #expect(try Self.store(store, "evt_wake_quiet"))
        #expect(try listener.waitForNotifications(timeout: 0.5).isEmpty)
        try connection.execute("DELETE FROM jobs_runners")
        #expect(try Self.store(store, "evt_wake_loud"))
        #expect(try listener.waitForNotifications(timeout: 5).map(\.payload) == ["stripe.event"])
        // A redelivery stores nothing and wakes nobody.
        #expect(try !Self.store(store, "evt_wake_loud"))
        #expect(try listener.waitForNotifications(timeout: 0.5).isEmpty)
        // Inside a transaction that is not read committed, a stored event always wakes (sql/0080's rule).
        try connection.execute(
            "INSERT INTO jobs_runners (worker, busy_until) VALUES ('busy', now() + interval '1 minute')")
        #expect(
            try connection.transaction(isolation: .repeatableRead) {
                try Self.store(StripeEventStore(connection: $0), "evt_wake_repeatable")
            })
        #expect(try listener.waitForNotifications(timeout: 5).map(\.payload) == ["stripe.event"])
    }
}
