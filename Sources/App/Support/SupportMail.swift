import Domain
import Pages
import Postgres
import Storage

/// The mails of a support thread (issue 13 item 7), enqueued in the transaction that stores the message:
/// a client's message goes to the operator's support address (`CODEZERO_LEADS_TO`, the address lead notifications
/// go to — one inbox for everything clients write), a staff answer to the client user who opened the request, in
/// the language the request was written in. Neither carries the client's e-mail address: staff open the thread in
/// the back office, the client in the portal.
enum SupportMail {
    /// The notification of the operator about message `messageID` of `request`.
    static func notifyStaff(
        _ request: SupportRequestRecord, messageID: Int, body: String, reopened: Bool, to recipient: String,
        publicURL: String, on connection: PostgresConnection
    ) throws {
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "support-request", to: recipient, language: .de,
                values: [
                    "subject": .text(request.subject), "company": .text(request.companyName),
                    "message": .text(body), "first": .flag(request.messageCount <= 1), "reopened": .flag(reopened),
                    "request_link": .link(publicURL + "/admin/de/support/" + request.id),
                ],
                dedupeKey: "support:\(messageID)"),
            on: connection)
    }

    /// The notification of the client user who opened `request` about staff message `messageID`; nothing when
    /// that user is gone.
    static func notifyClient(
        _ request: SupportRequestRecord, messageID: Int, body: String, publicURL: String,
        on connection: PostgresConnection
    ) throws {
        guard let email = request.openerEmail else { return }
        let language = request.language
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "support-answer", to: email, language: language,
                values: [
                    "subject": .text(request.subject), "message": .text(body),
                    "request_link": .link(publicURL + PortalSupport.threadPath(request.id, in: language)),
                ],
                dedupeKey: "support:\(messageID)"),
            on: connection)
    }
}
