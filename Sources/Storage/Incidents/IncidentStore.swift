import Foundation
public import Postgres
import Web

/// The incidents table (`sql/0070_incidents.sql`): recording inside the caller's transaction, listing, and the
/// staff actions. Dead jobs are recorded by the database itself (a trigger on `jobs`), in the transaction
/// that buries the job.
///
/// ```swift
/// try IncidentStore(connection: transaction).record(
///     NewIncident(kind: .mailFailed, dedupeKey: "mail.failed:\(outboxID)", detail: "550 mailbox unavailable",
///                 companyID: companyID, subject: ["outbox_id": outboxID],
///                 retry: .enqueue(kind: "mail.send", payload: #"{"outbox_id":"\#(outboxID)"}"#)))
/// ```
public struct IncidentStore {
    /// The connection it works on (inside the caller's transaction for ``record(_:)``).
    public let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Records `incident` unless one with its dedupe key exists; returns the new id, or nil for a duplicate.
    /// Runs on the caller's connection, so it commits or rolls back with the change that caused it.
    @discardableResult
    public func record(_ incident: NewIncident) throws -> Int64? {
        let subject = try Self.json(incident.subject)
        var jobID: Int64?
        var jobKind: String?
        var jobPayload: String?
        switch incident.retry {
        case .none: break
        case .requeue(let id): jobID = id
        case .enqueue(let kind, let payload):
            jobKind = kind
            jobPayload = payload
        }
        let rows = try connection.query(
            """
            INSERT INTO incidents (kind, dedupe_key, company_id, subject, detail, job_id, job_kind, job_payload)
            VALUES (\(incident.kind.name), \(incident.dedupeKey), \(incident.companyID)::uuid, \(subject)::jsonb,
                    \(incident.detail), \(jobID), \(jobKind), \(jobPayload)::jsonb)
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id
            """)
        return try rows.first.map { Int64(try $0.int("id")) }
    }

    /// One incident, nil when there is none.
    public func incident(id: Int64) throws -> Incident? {
        let rows = try connection.query("SELECT \(unescaped: Self.columns) FROM incidents WHERE id = \(id)")
        return try rows.first.map(Self.incident)
    }

    /// One incident locked for a staff action in the caller's transaction.
    public func lockForUpdate(id: Int64) throws -> Incident? {
        let rows = try connection.query(
            "SELECT \(unescaped: Self.columns) FROM incidents WHERE id = \(id) FOR UPDATE")
        return try rows.first.map(Self.incident)
    }

    /// Incidents newest first, optionally of one status and kind, with ids below `before` (paging).
    public func list(status: IncidentStatus?, kind: String?, before: Int64?, limit: Int) throws -> [Incident] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM incidents
            WHERE true\(and: "status = $::text", status?.rawValue)\(and: "kind = $::text", kind)\
            \(and: "id < $::bigint", before)
            ORDER BY id DESC LIMIT \(min(max(limit, 1), 200))
            """)
        return try rows.map(Self.incident)
    }

    /// Closes an open incident as `status` (retried or resolved) by `actor`; false when it was not open.
    public func close(id: Int64, as status: IncidentStatus, by actor: String?, note: String?) throws -> Bool {
        precondition(status != .open, "an incident is closed as retried or resolved")
        return try connection.execute(
            """
            UPDATE incidents SET status = \(status.rawValue), closed_at = now(), updated_at = now(),
                closed_by = \(actor)::uuid, note = \(note)
            WHERE id = \(id) AND status = 'open'
            """) == 1
    }

    /// Sets the note of the incident recorded under `dedupeKey` (e.g. what an automatic action did).
    public func annotate(dedupeKey: String, note: String) throws {
        try connection.execute(
            """
            UPDATE incidents SET note = \(String(note.prefix(2000))), updated_at = now()
            WHERE dedupe_key = \(dedupeKey)
            """)
    }

    /// Created and open incidents per kind (the maintained counters; no scan of the history).
    public func counts() throws -> [String: (created: Int, open: Int)] {
        let rows = try connection.query(
            "SELECT kind, created, open FROM incident_counts", retryOnConnectionLoss: !connection.isInTransaction)
        var counts: [String: (created: Int, open: Int)] = [:]
        for row in rows { counts[try row.string("kind")] = (try row.int("created"), try row.int("open")) }
        return counts
    }

    static let columns = """
        id, kind, status, dedupe_key, company_id::text AS company_id, subject::text AS subject, detail, job_id,
        job_kind, job_payload::text AS job_payload, extract(epoch FROM created_at)::float8 AS created_at,
        extract(epoch FROM closed_at)::float8 AS closed_at, closed_by::text AS closed_by, note
        """

    static func incident(_ row: PostgresRow) throws -> Incident {
        let subjectText = try row.string("subject")
        let subject = (try? JSON.parse(subjectText))?.objectValue ?? [:]
        return Incident(
            id: Int64(try row.int("id")), kind: try row.string("kind"),
            status: IncidentStatus(rawValue: try row.string("status")) ?? .open,
            dedupeKey: try row.string("dedupe_key"), companyID: try row.optionalString("company_id"),
            subject: Dictionary(subject.map { ($0.key, $0.value.stringValue ?? $0.value.description) }) { _, last in
                last
            },
            detail: try row.string("detail"), jobID: try row.optionalInt("job_id").map(Int64.init),
            jobKind: try row.optionalString("job_kind"), jobPayload: try row.optionalString("job_payload"),
            createdAt: try Timestamp.date(row, "created_at"), closedAt: try Timestamp.optionalDate(row, "closed_at"),
            closedBy: try row.optionalString("closed_by"), note: try row.optionalString("note"))
    }

    static func json(_ object: [String: String]) throws -> String {
        JSON.object(JSONObject(object.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) })).description
    }
}
