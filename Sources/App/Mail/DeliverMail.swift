import Jobs
import Logging
import Mail
import Postgres
import Storage

/// Sends a rendered outbox row's stored bytes and records the outcome: SENT with the server's reply,
/// FAILED on a permanent (5xx) reply or after the last attempt, otherwise a retry with backoff (the job
/// queue's). Runs inside the job's transaction, which holds the row's lock during the exchange.
///
/// At-least-once edge: if the process dies after the server accepted the message but before this
/// transaction commits, the row is still QUEUED and the job is retried when its lease runs out; the server
/// then receives the same bytes with the same Message-ID a second time (receivers and the test suppress it
/// by Message-ID). It is never a different mail: the bytes were stored before the first attempt.
struct DeliverMail {
    let transport: any MailTransport
    let sender: String
    let logger: Logger

    /// Delivers row `id` for `job`.
    func deliver(_ id: Int64, job: ClaimedJob, on connection: PostgresConnection) throws {
        let store = MailOutboxStore(connection: connection)
        guard let row = try store.lock(id) else { throw JobsError.permanentFailure("mail \(id) does not exist") }
        guard row.status == "QUEUED" else { return }
        guard let message = row.message, let messageID = row.messageID else {
            throw JobsError.permanentFailure("mail \(id) is not rendered")
        }
        let metadata: Logger.Metadata = [
            "mail.id": "\(id)", "mail.template": "\(row.template)", "mail.message_id": "\(messageID)",
            "job.attempt": "\(job.attempt)",
        ]
        let outcome: Result<String, MailError>
        do {
            outcome = .success(
                try transport.deliver(
                    message: message, sender: sender, recipient: row.recipient, name: "\(id)-\(row.template)"))
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success(let reply):
            try store.markSent(id, reply: reply, forgetContent: MailOutbox.sensitiveTemplates.contains(row.template))
            logger.info("mail sent", metadata: metadata.merging(["mail.reply": "\(reply)"]) { $1 })
        case .failure(.permanent(let reply)):
            try RecordMailFailure.record(id, template: row.template, reason: reply, on: connection)
            logger.error("mail refused", metadata: metadata.merging(["mail.reply": "\(reply)"]) { $1 })
        case .failure(let error):
            guard job.isLastAttempt else {
                logger.warning("mail not sent yet", metadata: metadata.merging(["mail.reply": "\(error)"]) { $1 })
                throw error
            }
            try RecordMailFailure.record(
                id, template: row.template, reason: "gave up after \(job.attempt) attempts: \(error)", on: connection)
            logger.error("mail given up", metadata: metadata.merging(["mail.reply": "\(error)"]) { $1 })
        }
    }
}
