public import Postgres

/// The Stripe events we accepted (`stripe_events`), each exactly once.
public struct StripeEventStore {
    let connection: PostgresConnection

    /// A store on `connection` (normally inside the webhook's transaction).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Stores a verified event; returns false when an event with this id was stored before (a duplicate
    /// delivery), in which case nothing changes.
    public func insertIfNew(
        id: String, type: String, livemode: Bool, apiVersion: String?, createdUnix: Int, payload: String
    ) throws -> Bool {
        let inserted = try connection.execute(
            """
            INSERT INTO stripe_events (id, type, livemode, api_version, stripe_created, payload)
            VALUES (\(id), \(type), \(livemode), \(apiVersion), to_timestamp(\(createdUnix)), \(payload)::jsonb)
            ON CONFLICT (id) DO NOTHING
            """)
        return inserted == 1
    }

    /// Stores a verified event and, if it is new, enqueues the job that processes it — in ONE statement (so
    /// one round trip and atomic without an explicit transaction: both rows commit together or neither).
    /// Returns false for a duplicate delivery, which changes nothing.
    ///
    /// The job row follows `jobs` of migration 0004 (the Jobs module's table): kind, payload
    /// `{"event_id": …}`, attempts and the dedupe key `stripe:<event id>`; its insert trigger wakes the jobs
    /// process through `NOTIFY codezero_jobs` at commit.
    public func insertAndEnqueue(
        id: String, type: String, livemode: Bool, apiVersion: String?, createdUnix: Int, payload: String,
        jobKind: String, maxAttempts: Int
    ) throws -> Bool {
        let rows = try connection.query(
            """
            WITH event AS (
                INSERT INTO stripe_events (id, type, livemode, api_version, stripe_created, payload)
                VALUES (\(id), \(type), \(livemode), \(apiVersion), to_timestamp(\(createdUnix)), \(payload)::jsonb)
                ON CONFLICT (id) DO NOTHING
                RETURNING id
            )
            INSERT INTO jobs (kind, payload, max_attempts, dedupe_key)
            SELECT \(jobKind), jsonb_build_object('event_id', event.id), \(maxAttempts), 'stripe:' || event.id FROM event
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id
            """)
        return !rows.isEmpty
    }

    /// The stored raw payload of event `id`, or nil.
    public func payload(id: String) throws -> String? {
        let rows = try connection.query("SELECT payload::text AS payload FROM stripe_events WHERE id = \(id)")
        return try rows.first?.string("payload")
    }

    /// Marks an event processed with a short outcome (`fulfilled`, `ignored: unknown type`, ...).
    public func markProcessed(id: String, outcome: String) throws {
        try connection.execute(
            "UPDATE stripe_events SET processed_at = now(), outcome = \(outcome) WHERE id = \(id)")
    }

    /// How many events are stored (for tests and metrics).
    public func count() throws -> Int {
        try connection.query("SELECT count(*)::bigint AS n FROM stripe_events")[0].int("n")
    }
}
