import Domain
public import Foundation
import Postgres
import Web

/// A stored audit entry, as the admin API lists it.
public struct AuditRecord: Sendable, Hashable {
    /// Its position in the log (increasing).
    public let id: Int
    /// When it was written.
    public let at: Date
    /// The entry.
    public let entry: AuditEntry

    static let columns = """
        id, extract(epoch FROM at)::float8 AS at, actor_user_id, company_id, action, target, ip, outcome,
        details::text AS details
        """

    init(row: PostgresRow) throws {
        id = try row.int("id")
        at = try Timestamp.date(row, "at")
        let action = try row.string("action")
        guard AuditAction.isValid(action), let outcome = AuditEntry.Outcome(rawValue: try row.string("outcome")),
            let details = (try? JSON.parse(try row.string("details")))?.objectValue
        else { throw StorageError.invalidStoredValue("audit_log") }
        entry = AuditEntry(
            actor: try row.optionalString("actor_user_id").map(UserID.init),
            companyID: try row.optionalString("company_id").map(CompanyID.init), action: AuditAction(action),
            target: try row.optionalString("target"), ip: try row.optionalString("ip"), outcome: outcome,
            details: Dictionary(details.compactMap { member in member.value.stringValue.map { (member.key, $0) } }) {
                _, last in last
            })
    }
}
