import Postgres

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
