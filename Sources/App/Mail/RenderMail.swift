import Domain
import Jobs
import Logging
import Mail
import Pages
import Postgres
import Signing
import Storage
import Web

/// Turns an outbox row into the exact bytes that will be sent, once: template in the recipient's language,
/// attachments loaded, a Message-ID assigned, all stored with the row, and the send job enqueued in the same
/// transaction. A row that can never be sent (invalid recipient, unknown template, missing attachment) is
/// FAILED here and never reaches SMTP.
struct RenderMail {
    let renderer: MailRenderer
    let from: MailAddress
    /// `CODEZERO_PUBLIC_URL`, given to every template as `public_url`.
    let publicURL: String
    let sources: MailAttachmentSources
    let logger: Logger

    /// Renders row `id` on `connection` (the job's transaction).
    func render(_ id: Int64, on connection: PostgresConnection) throws {
        let store = MailOutboxStore(connection: connection)
        guard let row = try store.lock(id) else { throw JobsError.permanentFailure("mail \(id) does not exist") }
        guard row.status == "QUEUED" else { return }
        if row.message == nil {
            switch try build(row, on: connection) {
            case .success(let (messageID, bytes)):
                try store.storeRendering(id, messageID: messageID, message: bytes)
            case .failure(let reason):
                try RecordMailFailure.record(id, template: row.template, reason: reason, on: connection)
                logger.warning(
                    "mail cannot be sent",
                    metadata: ["mail.id": "\(id)", "mail.template": "\(row.template)", "mail.reason": "\(reason)"])
                return
            }
        }
        try JobQueue().enqueue(
            NewJob(
                kind: MailOutbox.sendKind, payload: "{\"mail_id\":\(id)}", maxAttempts: MailOutbox.sendAttempts,
                dedupeKey: "mail-send:\(id)"),
            on: connection)
    }

    private enum Outcome {
        case success((String, [UInt8]))
        case failure(String)
    }

    private func build(_ row: MailOutboxRow, on connection: PostgresConnection) throws -> Outcome {
        let recipient: MailAddress
        do {
            recipient = try MailAddress(row.recipient, name: row.recipientName)
        } catch {
            return .failure("invalid recipient address")
        }
        let replyTo = row.replyTo.flatMap { try? MailAddress($0) }
        guard let language = Language(rawValue: row.language) else { return .failure("unknown language") }
        guard let object = (try? JSON.parse(row.values))?.objectValue else { return .failure("malformed values") }
        var values: [String: MailValue] = [:]
        for (key, json) in object {
            guard let value = MailValue(json: json) else { return .failure("malformed value \(key)") }
            values[key] = value
        }
        if values["public_url"] == nil { values["public_url"] = .link(publicURL) }
        guard let rendered = renderer.render(row.template, language: language, values: values) else {
            return .failure("template \(row.template) does not render in \(row.language)")
        }
        var attachments: [MailAttachment] = []
        for item in (try? JSON.parse(row.attachments))?.arrayValue ?? [] {
            guard let filename = item["filename"]?.stringValue, let type = item["content_type"]?.stringValue else {
                return .failure("malformed attachment")
            }
            if let base64 = item["base64"]?.stringValue {
                guard let bytes = Base64.decode(base64) else { return .failure("malformed attachment \(filename)") }
                attachments.append(MailAttachment(filename: filename, contentType: type, bytes: bytes))
            } else if let source = item["source"]?.stringValue, let reference = item["ref"]?.stringValue {
                guard let loader = sources.loaders[source] else {
                    return .failure("unknown attachment source \(source)")
                }
                guard let bytes = try loader(reference, connection) else {
                    return .failure("attachment \(source) \(reference) does not exist")
                }
                attachments.append(MailAttachment(filename: filename, contentType: type, bytes: bytes))
            } else {
                return .failure("malformed attachment \(filename)")
            }
        }
        let messageID = "<mail-\(row.id).\(Hex.encode(SecureRandom.bytes(count: 8)))@\(from.domain)>"
        let message = MailMessage(
            from: from, to: recipient, replyTo: replyTo, subject: rendered.subject, text: rendered.text,
            html: rendered.html, attachments: attachments, messageID: messageID, date: row.createdAt,
            language: language.rawValue)
        do {
            return .success((messageID, try message.encoded()))
        } catch {
            return .failure("\(error)")
        }
    }
}
