public import Postgres

/// The Stripe events we accepted (`stripe_events`), each exactly once.
public struct StripeEventStore {
    let connection: PostgresConnection

    /// A store on `connection` (normally inside the webhook's transaction).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Stores a verified event; returns false when an event with this id was stored before (a duplicate
    /// delivery), in which case nothing changes. One statement (the webhook's only one): the event commits as the
    /// durable queue entry (`job_queued` false, sql/0180) with `payload` byte for byte as it was signed (`json`,
    /// sql/0194), and its insert trigger wakes an idle jobs process, which then queues its job with
    /// ``queueJobs(jobKind:maxAttempts:limit:)``.
    public func insertIfNew(
        id: String, type: String, livemode: Bool, apiVersion: String?, createdUnix: Int, payload: String
    ) throws -> Bool {
        let inserted = try connection.execute(
            """
            INSERT INTO stripe_events (id, type, livemode, api_version, stripe_created, payload)
            VALUES (\(id), \(type), \(livemode), \(apiVersion), to_timestamp(\(createdUnix)), \(payload)::json)
            ON CONFLICT (id) DO NOTHING
            """)
        return inserted == 1
    }

    /// Turns up to `limit` stored events that have no job yet (``insertIfNew``'s, oldest first) into their `jobKind`
    /// jobs, in ONE statement: the events are marked queued and their jobs inserted together or not at all. Returns
    /// how many jobs were inserted. Called by the jobs process before it claims (sql/0180: the stored event is the
    /// durable queue entry; the webhook's own statement stays a single insert).
    ///
    /// The job rows follow `jobs` of migration 0004 (the Jobs module's table): kind, payload `{"event_id": …}`,
    /// attempts and the dedupe key `stripe:<event id>`, which makes a second job for one event impossible; their order
    /// is the events' arrival order. Events locked by a concurrent call are skipped (it queues them).
    public func queueJobs(jobKind: String, maxAttempts: Int, limit: Int) throws -> Int {
        let rows = try connection.query(
            """
            WITH picked AS (
                UPDATE stripe_events SET job_queued = true
                WHERE id IN (
                    SELECT id FROM stripe_events WHERE NOT job_queued
                    ORDER BY received_at LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING id, received_at
            )
            INSERT INTO jobs (kind, payload, max_attempts, dedupe_key)
            SELECT \(jobKind), jsonb_build_object('event_id', picked.id), \(maxAttempts), 'stripe:' || picked.id
            FROM picked ORDER BY picked.received_at, picked.id
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id
            """)
        return rows.count
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
