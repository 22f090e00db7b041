import Domain
import Logging
import Postgres
import Storage

/// A client opens a support request (issue 13 item 7): in one transaction the request in OPEN, its first
/// message and the mail to the operator's support address. The reference must be one of the company's orders or
/// invoices; the texts were checked against ``SupportText`` by the caller.
struct OpenSupportRequest {
    let connection: PostgresConnection
    let supportAddress: String
    let publicURL: String
    let logger: Logger

    func run(
        companyID: String, userID: String, subject: String, body: String, language: Language,
        reference: SupportStore.Reference?
    ) throws -> SupportOutcome {
        let outcome = try connection.transaction { transaction -> SupportOutcome in
            let store = SupportStore(connection: transaction)
            if let reference, try !store.belongs(reference, to: companyID) { return .unknownReference }
            let (id, message) = try store.open(
                companyID: companyID, userID: userID, subject: subject, body: body, language: language,
                reference: reference)
            guard let request = try store.request(id: id, companyID: companyID) else { return .notFound }
            try SupportMail.notifyStaff(
                request, messageID: message, body: body, reopened: false, to: supportAddress, publicURL: publicURL,
                on: transaction)
            return .done(request)
        }
        if case .done(let request) = outcome {
            logger.info("support request opened", metadata: ["support.request_id": "\(request.id)"])
        }
        return outcome
    }
}
