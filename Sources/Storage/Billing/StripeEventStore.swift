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
    /// sql/0194); the jobs process takes it with ``queueJobs(jobKind:maxAttempts:limit:handledTypes:)``
    /// before its next claim, or within its feeder poll interval when idle (no trigger wakes it: sql/0196).
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

    /// A verified event to store with others: ``insertEachIfNew(_:)``.
    public struct NewEvent: Sendable, Hashable {
        public let id: String
        public let type: String
        public let livemode: Bool
        public let apiVersion: String?
        public let createdUnix: Int
        public let payload: String

        public init(id: String, type: String, livemode: Bool, apiVersion: String?, createdUnix: Int, payload: String) {
            self.id = id
            self.type = type
            self.livemode = livemode
            self.apiVersion = apiVersion
            self.createdUnix = createdUnix
            self.payload = payload
        }
    }

    /// Stores verified events as ``insertIfNew(id:type:livemode:apiVersion:createdUnix:payload:)`` stores one, all in
    /// ONE statement and one transaction (webhooks that arrived together, ``App/WebhookGroup``); returns, for each
    /// event in order, whether it was stored — false for an id stored before, or earlier in `events` (the first of
    /// the same id is the one stored).
    public func insertEachIfNew(_ events: [NewEvent]) throws -> [Bool] {
        guard !events.isEmpty else { return [] }
        let rows = try connection.query(
            """
            INSERT INTO stripe_events (id, type, livemode, api_version, stripe_created, payload)
            SELECT e.id, e.type, e.livemode, e.api_version, to_timestamp(e.created), e.payload::json
            FROM unnest(\(PostgresArrayLiteral.text(events, \.id))::text[],
                \(PostgresArrayLiteral.text(events, \.type))::text[],
                \("{" + events.map { $0.livemode ? "t" : "f" }.joined(separator: ",") + "}")::bool[],
                \(PostgresArrayLiteral.text(events) { $0.apiVersion })::text[],
                \("{" + events.map { String($0.createdUnix) }.joined(separator: ",") + "}")::int8[],
                \(PostgresArrayLiteral.text(events, \.payload))::text[])
                WITH ORDINALITY AS e (id, type, livemode, api_version, created, payload, n)
            ORDER BY e.n
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """)
        var inserted = Set<String>()
        for row in rows { inserted.insert(try row.string("id")) }
        var seen = Set<String>()
        return events.map { event in seen.insert(event.id).inserted && inserted.contains(event.id) }
    }

    /// Takes up to `limit` stored events that have no job yet (``insertIfNew``'s, oldest first), in ONE statement:
    /// those of `handledTypes` (the types the processor acts on) get their `jobKind` job, the others are settled at
    /// once, processed with ``ignoredOutcome(type:)`` — the outcome the processor gives them — and no job. Returns
    /// how many events it took (with a job or without). Called by the jobs process before it claims (sql/0180: the
    /// stored event is the durable queue entry; the webhook's own statement stays a single insert).
    ///
    /// Why settle here: Stripe sends many types nothing here acts on (`payment_intent.created`, `charge.succeeded`,
    /// `customer.*`, …), and a job costs each of them two transactions and about eight statements (claim, lock, read,
    /// mark, complete); measured on this machine, the jobs process and its database session spent ~1.2 ms of CPU per
    /// such event, while storing it through nginx and the pool costs ~0.9 ms per request (README "Speed", session 22).
    ///
    /// The job rows follow `jobs` of migration 0004 (the Jobs module's table): kind, payload `{"event_id": …}`,
    /// attempts and the dedupe key `stripe:<event id>`, which makes a second job for one event impossible; their order
    /// is the events' arrival order. Events locked by a concurrent call are skipped (it takes them).
    public func queueJobs(jobKind: String, maxAttempts: Int, limit: Int, handledTypes: EventTypes) throws -> Int {
        let rows = try connection.query(
            """
            WITH picked AS (
                UPDATE stripe_events AS e SET job_queued = true,
                    processed_at = CASE WHEN taken.handled THEN e.processed_at ELSE now() END,
                    outcome = CASE WHEN taken.handled THEN e.outcome
                        ELSE \(Self.ignoredPrefix) || e.type || \(Self.ignoredSuffix) END
                FROM (
                    SELECT id, type = ANY(\(handledTypes.literal)::text[]) AS handled FROM stripe_events
                    WHERE NOT job_queued ORDER BY received_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
                ) AS taken
                WHERE e.id = taken.id
                RETURNING e.id, e.received_at, taken.handled
            ), queued AS (
                INSERT INTO jobs (kind, payload, max_attempts, dedupe_key)
                SELECT \(jobKind), jsonb_build_object('event_id', picked.id), \(maxAttempts), 'stripe:' || picked.id
                FROM picked WHERE picked.handled ORDER BY picked.received_at, picked.id
                ON CONFLICT (dedupe_key) DO NOTHING
            )
            SELECT count(*)::bigint AS taken FROM picked
            """)
        return try rows[0].int("taken")
    }

    /// The outcome of an event whose type nothing acts on: `ignored: <type> is not handled` (the processor's and
    /// ``queueJobs(jobKind:maxAttempts:limit:handledTypes:)``'s, from these two parts).
    public static func ignoredOutcome(type: String) -> String { ignoredPrefix + type + ignoredSuffix }
    private static let ignoredPrefix = "ignored: "
    private static let ignoredSuffix = " is not handled"

    /// The event types the processor acts on, as ``queueJobs(jobKind:maxAttempts:limit:handledTypes:)`` takes them:
    /// built once (the jobs process's start-up), not per feed.
    public struct EventTypes: Sendable {
        let literal: String

        public init(_ names: [String]) {
            literal = PostgresArrayLiteral.text(names) { $0 }
        }
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
