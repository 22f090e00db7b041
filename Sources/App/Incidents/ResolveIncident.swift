import Domain
import Logging
import Postgres
import Storage

/// Staff close an open incident as resolved, with an optional note; audited in the same transaction.
struct ResolveIncident {
    let connection: PostgresConnection
    let logger: Logger

    /// Resolves incident `id` for `actor`; `requestID` and `ip` go into the audit entry.
    func run(
        id: Int64, note: String?, actor: Principal, requestID: String, ip: String?
    ) throws
        -> IncidentActionOutcome
    {
        try connection.transaction { transaction in
            let incidents = IncidentStore(connection: transaction)
            guard let incident = try incidents.lockForUpdate(id: id) else { return .notFound }
            guard incident.status == .open else { return .notOpen(incident.status) }
            _ = try incidents.close(id: id, as: .resolved, by: actor.userID.rawValue, note: note)
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: actor, action: .admin("incident.resolve"), target: "\(id)", ip: ip,
                    details: ["request_id": requestID, "incident.kind": incident.kind]))
            logger.notice("incident resolved", metadata: ["incident.id": "\(id)", "incident.kind": "\(incident.kind)"])
            return .done(try incidents.incident(id: id) ?? incident)
        }
    }
}
