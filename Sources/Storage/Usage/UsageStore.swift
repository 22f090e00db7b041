public import Domain
public import Postgres
import Web

/// Metered usage (`usage_events`, `usage_daily`, `usage_closures`, migration 0060; the fold, migration 0150).
/// Every read and write is scoped by company, except the fold, which folds every company's new events.
public struct UsageStore {
    let connection: PostgresConnection

    /// A store on `connection`; ``lockForIngest(companyID:)``, ``insert(companyID:events:)`` and
    /// ``close(companyID:before:)`` need the caller's transaction.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Takes the company's usage lock in shared mode until the transaction ends: batches of one company are
    /// ingested concurrently, but never while one of its periods is being closed.
    public func lockForIngest(companyID: String) throws {
        _ = try connection.query("SELECT pg_advisory_xact_lock_shared(hashtextextended(\(companyID), 60))")
    }

    /// Takes the company's usage lock exclusively until the transaction ends (closing a period).
    public func lockForClosing(companyID: String) throws {
        _ = try connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\(companyID), 60))")
    }

    /// The first day still open for the company's usage; nil when no period was ever closed.
    public func openFrom(companyID: String) throws -> UsageDay? {
        let rows = try connection.query(
            """
            SELECT (open_from - DATE '1970-01-01')::bigint AS day FROM usage_closures
            WHERE company_id = \(companyID)::uuid
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.first.map { UsageDay(daysSinceEpoch: try $0.int("day")) }
    }

    /// Closes the company's usage before `day` (never moves backwards); call under ``lockForClosing(companyID:)``.
    public func close(companyID: String, before day: UsageDay) throws {
        try connection.execute(
            """
            INSERT INTO usage_closures (company_id, open_from)
            VALUES (\(companyID)::uuid, DATE '1970-01-01' + \(day.daysSinceEpoch)::integer)
            ON CONFLICT (company_id) DO UPDATE SET open_from = greatest(usage_closures.open_from, excluded.open_from),
                updated_at = now()
            """)
    }

    /// Stores `events` for the company in one statement; an event whose id the company used before (or earlier
    /// in the same batch) is a duplicate and counts nothing. Append-only: the daily aggregates are folded in later
    /// (``fold(maximumSpan:)``), and every reader counts the not yet folded tail, so nothing waits for the company's
    /// aggregate rows here. Returns how many were new.
    public func insert(companyID: String, events: [UsageEvent]) throws -> Int {
        guard !events.isEmpty else { return 0 }
        let rows = try connection.query(
            """
            WITH input AS (
                SELECT i, m, q, t FROM jsonb_to_recordset(\(Self.json(events))::jsonb) AS e (i text, m text, q bigint,
                    t bigint)
            ), inserted AS (
                INSERT INTO usage_events (company_id, event_id, metric, quantity_milli, occurred_at)
                SELECT \(companyID)::uuid, i, m, q, to_timestamp(t / 1000.0) FROM input
                ON CONFLICT (company_id, event_id) DO NOTHING
                RETURNING 1
            )
            SELECT count(*)::bigint AS accepted FROM inserted
            """)
        return try rows[0].int("accepted")
    }

    /// What ``ingest(companyID:events:)`` did.
    public enum Ingestion: Sendable, Hashable {
        /// The batch is stored: `accepted` events were new, the rest duplicates.
        case stored(accepted: Int)
        /// Nothing is stored: these events name an unknown metric or a day of a closed period (in event order).
        case refused([UsageEventRejection])
    }

    /// Stores `events` for the company all or nothing in ONE statement (`ingest_usage`, migrations 0151/0152): the
    /// company's shared usage lock, the closed-period check, the metric check and the insert (duplicates count
    /// nothing). Run it outside a transaction and it is one round trip and one implicit transaction, committed when
    /// this returns. The events' other rules (``UsageBatch/validate(_:metrics:nowMilliseconds:openFrom:)`` with
    /// `metrics` nil and `openFrom` nil) must hold before.
    public func ingest(companyID: String, events: [UsageEvent]) throws -> Ingestion {
        let rows = try connection.query(
            """
            SELECT accepted, event_index, field
            FROM ingest_usage($1::uuid, $2::text[], $3::text[], $4::bigint[], $5::bigint[])
            """,
            [companyID] + Self.ingestBinds(events))
        return try Self.ingestion(rows)
    }

    /// The batch of a bearer request as the companion of its token's look-up and write budget count
    /// (``APITokenStore/resolve(tokenDigest:now:countingUnder:limit:taking:thenWithinBudget:_:)``): ONE statement, one round trip
    /// and one transaction for the whole request — the token, the count, then `ingest_usage` (migrations
    /// 0151/0152) as in ``ingest(companyID:events:)`` — committed synchronously, so a 202 still means the events are
    /// durable. Its parameters: ``ingestBinds(_:)``; its rows: ``ingestion(_:)``.
    public static let ingestAlongWithToken = APITokenStore.CompanionWrite { first in
        """
        SELECT accepted, event_index, field FROM ingest_usage(principal.company_id,
            $\(first)::text[], $\(first + 1)::text[], $\(first + 2)::bigint[], $\(first + 3)::bigint[])
        """
    }

    /// The batches of several bearer requests, each with its own token, in ONE statement and one transaction
    /// (``APITokenStore/resolveEach(_:thenEach:_:)``): `ingest_usage` once per request whose token resolves, on its part
    /// of the events — all or nothing per request, as ``ingestAlongWithToken``; a later request sees what an earlier one
    /// stored (an event id two of them share counts for the first). Its parameters: ``ingestBinds(_:)`` of all the
    /// requests' events in request order; each request's rows: ``ingestion(_:)``.
    public static let ingestForEachToken = APITokenStore.EachCompanionWrite { first in
        let part = "[r.first : r.first + r.count - 1]"
        return """
            SELECT accepted, event_index, field FROM ingest_usage(principal.company_id,
                ($\(first)::text[])\(part), ($\(first + 1)::text[])\(part), ($\(first + 2)::bigint[])\(part),
                ($\(first + 3)::bigint[])\(part))
            """
    }

    /// The parameters of ``ingestAlongWithToken`` for `events` (valid but for the statement's own checks).
    public static func ingestBinds(_ events: [UsageEvent]) -> [(any PostgresBindable)?] {
        [
            PostgresArrayLiteral.text(events, \.id), PostgresArrayLiteral.text(events, \.metric),
            arrayLiteral(events) { $0.quantity.thousandths }, arrayLiteral(events, \.occurredAtMilliseconds),
        ]
    }

    /// What `ingest_usage` answered, from its rows (columns `accepted`, `event_index`, `field`).
    public static func ingestion(_ rows: some Collection<PostgresRow>) throws -> Ingestion {
        guard let first = rows.first else { throw PostgresError(code: .invalidUsage, message: "ingest_usage: no row") }
        if let accepted = try first.optionalInt("accepted") { return .stored(accepted: accepted) }
        return .refused(
            try rows.map { row in
                let index = try row.int("event_index")
                return try row.string("field") == "metric" ? .unknownMetric(at: index) : .closedPeriod(at: index)
            })
    }

    /// The company's usage per metric over the days of `period`: the folded daily aggregates plus the events not
    /// folded yet, in one statement (`usage_daily_exact`, migration 0150), so it is exact whenever it is read.
    public func totals(companyID: String, period: UsagePeriod) throws -> [String: UsageQuantity] {
        let rows = try connection.query(
            """
            SELECT metric, sum(quantity_milli)::bigint AS total FROM usage_daily_exact
            WHERE company_id = \(companyID)::uuid AND day >= DATE '1970-01-01' + \(period.start.daysSinceEpoch)::integer
                AND day < DATE '1970-01-01' + \(period.end.daysSinceEpoch)::integer
            GROUP BY metric
            """, retryOnConnectionLoss: !connection.isInTransaction)
        var totals: [String: UsageQuantity] = [:]
        for row in rows { totals[try row.string("metric")] = UsageQuantity(thousandths: try row.int("total")) }
        return totals
    }

    /// The company's usage of `metric` per day of `period` (days without usage are absent), exact like
    /// ``totals(companyID:period:)``.
    public func daily(companyID: String, metric: String, period: UsagePeriod) throws -> [(UsageDay, UsageQuantity)] {
        let rows = try connection.query(
            """
            SELECT (day - DATE '1970-01-01')::bigint AS day, quantity_milli FROM usage_daily_exact
            WHERE company_id = \(companyID)::uuid AND metric = \(metric)
                AND day >= DATE '1970-01-01' + \(period.start.daysSinceEpoch)::integer
                AND day < DATE '1970-01-01' + \(period.end.daysSinceEpoch)::integer
            ORDER BY day
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.map {
            (UsageDay(daysSinceEpoch: try $0.int("day")), UsageQuantity(thousandths: try $0.int("quantity_milli")))
        }
    }

    /// How many events the company has stored (for tests and audits).
    public func eventCount(companyID: String) throws -> Int {
        try connection.query(
            "SELECT count(*)::bigint AS n FROM usage_events WHERE company_id = \(companyID)::uuid")[0].int("n")
    }

    /// A PostgreSQL array literal of one integer member of every event: `{1500,0}`.
    static func arrayLiteral(_ events: [UsageEvent], _ member: (UsageEvent) -> Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(events.count * 14 + 2)
        bytes.append(UInt8(ascii: "{"))
        for (position, event) in events.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.appendInteger(Int64(member(event)), to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The events as the JSON array `jsonb_to_recordset` reads, written straight as bytes (member names and
    /// punctuation are constant; ids and metrics escaped, so any text is safe).
    static func json(_ events: [UsageEvent]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(events.count * 96 + 2)
        bytes.append(UInt8(ascii: "["))
        for (position, event) in events.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.appendStatic("{\"i\":", to: &bytes)
            JSONWriter.appendString(event.id, to: &bytes)
            JSONWriter.appendStatic(",\"m\":", to: &bytes)
            JSONWriter.appendString(event.metric, to: &bytes)
            JSONWriter.appendStatic(",\"q\":", to: &bytes)
            JSONWriter.appendInteger(Int64(event.quantity.thousandths), to: &bytes)
            JSONWriter.appendStatic(",\"t\":", to: &bytes)
            JSONWriter.appendInteger(Int64(event.occurredAtMilliseconds), to: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
