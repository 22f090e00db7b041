import Domain
import Logging
import Postgres
import Storage

/// A new message in a support thread (issue 13 item 7): the client's (which reopens a closed request) or a staff
/// answer. In one transaction: the request row locked, ``SupportTransition`` applied, the message stored, the
/// status saved and the other side's mail enqueued; a staff answer is audited with actor and request id.
struct AddSupportMessage {
    let connection: PostgresConnection
    let supportAddress: String
    let publicURL: String
    let logger: Logger

    /// Adds `body` to request `id`. A client passes its `companyID` (another company's request is not found);
    /// staff pass nil and an `audit` entry.
    func run(
        requestID id: String, companyID: String?, author: String, fromStaff: Bool, body: String,
        audit: AuditEntry?
    ) throws -> SupportOutcome {
        try connection.transaction { transaction -> SupportOutcome in
            let store = SupportStore(connection: transaction)
            guard let status = try store.lock(id: id, companyID: companyID) else { return .notFound }
            let transition: SupportTransition
            switch SupportTransition.apply(fromStaff ? .staffMessage : .clientMessage, to: status) {
            case .success(let next): transition = next
            case .failure(.closed): return .closed
            }
            let message = try store.add(requestID: id, author: author, fromStaff: fromStaff, body: body)
            try store.setStatus(id: id, to: transition.status)
            if let audit { try AuditLog(connection: transaction).append(audit) }
            guard let request = try store.request(id: id, companyID: companyID) else { return .notFound }
            for action in transition.actions {
                switch action {
                case .notifyStaff:
                    try SupportMail.notifyStaff(
                        request, messageID: message, body: body, reopened: status == .closed, to: supportAddress,
                        publicURL: publicURL, on: transaction)
                case .notifyClient:
                    try SupportMail.notifyClient(
                        request, messageID: message, body: body, publicURL: publicURL, on: transaction)
                }
            }
            logger.info(
                "support message added",
                metadata: ["support.request_id": "\(id)", "support.status": "\(transition.status.rawValue)"])
            return .done(request)
        }
    }
}
