import Domain
import Jobs
import Logging
import Postgres
import Storage

/// Staff retry an open incident: its dead job is requeued (a fresh set of attempts), or the job it names is
/// enqueued again; the incident is closed as `retried` and the action audited — all in one transaction. A
/// new failure records a new incident.
struct RetryIncident {
    let connection: PostgresConnection
    let logger: Logger

    /// Retries incident `id` for `actor`; `requestID` and `ip` go into the audit entry.
    func run(id: Int64, actor: Principal, requestID: String, ip: String?) throws -> IncidentActionOutcome {
        try connection.transaction { transaction in
            let incidents = IncidentStore(connection: transaction)
            guard let incident = try incidents.lockForUpdate(id: id) else { return .notFound }
            guard incident.status == .open else { return .notOpen(incident.status) }
            let queue = JobQueue()
            if let jobID = incident.jobID {
                do {
                    guard try queue.requeue(id: jobID, on: transaction) != nil else {
                        return .notRetryable("The job \(jobID) no longer exists.")
                    }
                } catch JobsError.rejected {
                    return .notRetryable("The job \(jobID) is not dead any more.")
                }
            } else if let kind = incident.jobKind {
                try queue.enqueue(
                    NewJob(
                        kind: kind, payload: incident.jobPayload ?? "{}", dedupeKey: "incident.retry:\(incident.id)"),
                    on: transaction)
            } else {
                return .notRetryable("This incident has no job to retry; resolve it instead.")
            }
            _ = try incidents.close(id: id, as: .retried, by: actor.userID.rawValue, note: nil)
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: actor, action: .admin("incident.retry"), target: "\(id)", ip: ip,
                    details: ["request_id": requestID, "incident.kind": incident.kind]))
            logger.notice("incident retried", metadata: ["incident.id": "\(id)", "incident.kind": "\(incident.kind)"])
            return .done(try incidents.incident(id: id) ?? incident)
        }
    }
}
