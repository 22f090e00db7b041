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

    /// Several events in one statement (webhooks that arrived together): each stored as alone — the body byte for
    /// byte, a missing API version NULL, the other columns as given — and an id stored before, or earlier in the same
    /// call, stored once; in one transaction.
    @Test func eventsStoredTogetherAreEachStoredOnceAsAlone() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let store = StripeEventStore(connection: connection)
        #expect(try Self.store(store, "evt_before"))
        let odd = "{\"id\":\"evt_b\", \"note\":\"a \\\"quoted\\\" \\\\ text, {NULL}\"}"
        func event(_ id: String, _ version: String?, _ payload: String, live: Bool = false) -> StripeEventStore.NewEvent
        {
            StripeEventStore.NewEvent(
                id: id, type: "payment_intent.created", livemode: live, apiVersion: version, createdUnix: 1_764_000_123,
                payload: payload)
        }
        let stored = try store.insertEachIfNew([
            event("evt_a", "2026-10-28.endive", #"{"id":"evt_a"}"#, live: true), event("evt_b", nil, odd),
            event("evt_before", nil, #"{"id":"evt_before","again":1}"#),
            event("evt_a", nil, #"{"id":"evt_a","again":1}"#),
        ])
        #expect(stored == [true, true, false, false])
        #expect(try store.payload(id: "evt_a") == #"{"id":"evt_a"}"#)
        #expect(try store.payload(id: "evt_b") == odd)
        #expect(try store.payload(id: "evt_before") == #"{"id":"evt_before"}"#)
        let rows = try connection.query(
            """
            SELECT id, api_version, livemode, extract(epoch FROM stripe_created)::int8 AS created, xmin::text AS x
            FROM stripe_events WHERE id IN ('evt_a', 'evt_b') ORDER BY id
            """)
        #expect(try rows.map { try $0.optionalString("api_version") } == ["2026-10-28.endive", nil])
        #expect(try rows.map { try $0.bool("livemode") } == [true, false])
        #expect(try rows.map { try $0.int("created") } == [1_764_000_123, 1_764_000_123])
        #expect(try rows[0].string("x") == rows[1].string("x"))
        #expect(try store.insertEachIfNew([]) == [])
    }

    static func store(_ store: StripeEventStore, _ id: String) throws -> Bool {
        try store.insertIfNew(
            id: id, type: "payment_intent.created", livemode: false, apiVersion: nil, createdUnix: 1_764_000_000,
            payload: #"{"id":"\#(id)"}"#)
    }

    /// The types the queue tests treat as acted on (their events get jobs).
    static let handled = StripeEventStore.EventTypes(["payment_intent.created"])

    /// Events of types nothing acts on are settled when they are taken — processed, with the processor's outcome, and
    /// no job — while the others get their job in the same statement, in arrival order; a type with a quote and a
    /// backslash survives the array literal.
    @Test func eventsOfTypesNothingActsOnAreSettledWithoutAJob() throws {
        let database = try TestDatabase.makeMigrated()
        let connection = database.connect()
        let store = StripeEventStore(connection: connection)
        let odd = #"odd"type\x"#
        let events = [
            ("evt_mix_1", "customer.created"), ("evt_mix_2", "checkout.session.completed"),
            ("evt_mix_3", "charge.succeeded"), ("evt_mix_4", odd),
        ]
        for (id, type) in events {
            #expect(
                try store.insertIfNew(
                    id: id, type: type, livemode: false, apiVersion: nil, createdUnix: 1_764_000_000,
                    payload: #"{"id":"\#(id)"}"#))
        }
        let handledNames = ["checkout.session.completed", odd, "refund.created"]
        let handled = StripeEventStore.EventTypes(handledNames)
        #expect(try store.queueJobs(jobKind: "stripe.event", maxAttempts: 12, limit: 256, handledTypes: handled) == 4)
        #expect(try store.queueJobs(jobKind: "stripe.event", maxAttempts: 12, limit: 256, handledTypes: handled) == 0)
        let jobs = try connection.query(
            "SELECT payload->>'event_id' AS event_id FROM jobs WHERE kind = 'stripe.event' ORDER BY id")
        #expect(try jobs.map { try $0.string("event_id") } == ["evt_mix_2", "evt_mix_4"])
        let rows = try connection.query(
            """
            SELECT id, type, outcome, processed_at IS NOT NULL AS processed, job_queued FROM stripe_events ORDER BY id
            """)
        for row in rows {
            let type = try row.string("type")
            let settled = !handledNames.contains(type)
            #expect(try row.bool("job_queued"))
            #expect(try row.bool("processed") == settled)
            #expect(try row.optionalString("outcome") == (settled ? StripeEventStore.ignoredOutcome(type: type) : nil))
        }
        #expect(StripeEventStore.ignoredOutcome(type: "customer.created") == "ignored: customer.created is not handled")
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

        #expect(
            try store.queueJobs(jobKind: "stripe.event", maxAttempts: 12, limit: 1, handledTypes: Self.handled) == 1)
        #expect(
            try store.queueJobs(jobKind: "stripe.event", maxAttempts: 12, limit: 256, handledTypes: Self.handled) == 1)
        #expect(
            try store.queueJobs(jobKind: "stripe.event", maxAttempts: 12, limit: 256, handledTypes: Self.handled) == 0)
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
        #expect(
            try store.queueJobs(jobKind: "stripe.event", maxAttempts: 12, limit: 256, handledTypes: Self.handled) == 0)
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
                    jobKind: "stripe.event", maxAttempts: 12, limit: 16, handledTypes: Self.handled)
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

    /// Storing an event sends no notification, whether a runner is busy or not (sql/0196: the trigger that woke an
    /// idle jobs process per event was a third of the webhook's statement; the jobs process polls its feeders).
    @Test func storingAnEventNotifiesNobody() throws {
        let database = try TestDatabase.makeMigrated()
        let listener = database.connect()
        try listener.listen("codezero_jobs")
        let connection = database.connect()
        let store = StripeEventStore(connection: connection)
        #expect(try Self.store(store, "evt_quiet_idle"))
        try connection.execute(
            "INSERT INTO jobs_runners (worker, busy_until) VALUES ('busy', now() + interval '1 minute')")
        #expect(try Self.store(store, "evt_quiet_busy"))
        #expect(try listener.waitForNotifications(timeout: 0.5).isEmpty)
        #expect(
            try connection.query(
                "SELECT count(*)::bigint FROM pg_trigger WHERE tgrelid = 'stripe_events'::regclass AND NOT tgisinternal"
            )[0].int(0) == 0)
    }
}
