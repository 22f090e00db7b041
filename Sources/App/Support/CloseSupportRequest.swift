import Domain
import Postgres
import Storage

/// Closes a support request (issue 13 item 7), by the client (its `companyID`) or staff (nil, audited); a closed
/// request answers ``SupportOutcome/closed``. No mail: closing is not a message.
struct CloseSupportRequest {
    let connection: PostgresConnection

    func run(requestID id: String, companyID: String?, audit: AuditEntry?) throws -> SupportOutcome {
        try connection.transaction { transaction -> SupportOutcome in
            let store = SupportStore(connection: transaction)
            guard let status = try store.lock(id: id, companyID: companyID) else { return .notFound }
            switch SupportTransition.apply(.close, to: status) {
            case .success(let next): try store.setStatus(id: id, to: next.status)
            case .failure(.closed): return .closed
            }
            if let audit { try AuditLog(connection: transaction).append(audit) }
            guard let request = try store.request(id: id, companyID: companyID) else { return .notFound }
            return .done(request)
        }
    }
}
