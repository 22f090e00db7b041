public import Domain
import Foundation
public import Postgres
import Web

/// The append-only audit log (`audit_log`; the database refuses UPDATE, DELETE and TRUNCATE).
///
/// Appends run on the caller's connection, so inside a transaction they commit or roll back with the
/// change they record.
public struct AuditLog {
    /// The connection entries are written on.
    public let connection: PostgresConnection

    /// A log on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Records `entry` and returns its id.
    @discardableResult
    public func append(_ entry: AuditEntry) throws -> Int {
        let details = JSON.object(
            JSONObject(entry.details.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }))
        let rows = try connection.query(
            """
            INSERT INTO audit_log (actor_user_id, company_id, action, target, ip, outcome, details)
            VALUES (\(entry.actor), \(entry.companyID), \(entry.action.name), \(entry.target), \(entry.ip),
                    \(entry.outcome.rawValue), \(details.description)::jsonb)
            RETURNING id
            """)
        return try rows[0].int("id")
    }

    /// Entries newest first: at most `limit` (1…500) of those with an id below `before` (for paging; `nil`
    /// starts at the newest), optionally only those of one company.
    public func list(companyID: CompanyID? = nil, before: Int? = nil, limit: Int = 50) throws -> [AuditRecord] {
        let limit = min(max(limit, 1), 500)
        let rows = try connection.query(
            """
            SELECT \(unescaped: AuditRecord.columns) FROM audit_log
            WHERE true\(and: "company_id = $::uuid", companyID)\(and: "id < $::bigint", before)
            ORDER BY id DESC LIMIT \(limit)
            """)
        return try rows.map(AuditRecord.init(row:))
    }
}
