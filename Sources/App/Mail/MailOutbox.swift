import Domain
import Jobs
import Mail
import Pages
public import Postgres
import Signing
import Storage
import Web

/// The one way to send an e-mail: a row in `mail_outbox` plus the job that renders it, both written on the
/// caller's connection, so they commit or roll back with the caller's transaction (a rolled-back event
/// sends nothing, a committed one is never forgotten). The jobs process renders the row once (bytes and
/// Message-ID stored) and delivers it (``DeliverMail``).
public enum MailOutbox {
    /// The job that renders a row: payload `{"mail_id": N}`.
    public static let renderKind = "mail.render"
    /// The job that sends a rendered row: payload `{"mail_id": N}`.
    public static let sendKind = "mail.send"
    /// Sending attempts before a row that keeps failing temporarily is FAILED (backoff 5 s doubling to 1 h:
    /// about 14 hours in all).
    public static let sendAttempts = 20
    /// Templates whose mails carry a secret link: their bytes and values are erased once SENT.
    public static let sensitiveTemplates: Set<String> = [
        "verify-email", "password-reset", "email-change", "team-invitation",
    ]

    /// Enqueues `mail` on `connection` (inside the caller's transaction when one is open). Returns the row
    /// id, or nil when a mail with the same dedupe key exists.
    ///
    /// - Throws: ``MailError/invalidAddress(_:)`` for an unusable recipient, reply-to or display name, and
    ///   the database's errors.
    @discardableResult
    public static func enqueue(_ mail: OutgoingMail, on connection: PostgresConnection) throws -> Int64? {
        _ = try MailAddress(mail.recipient, name: mail.recipientName)
        if let replyTo = mail.replyTo { _ = try MailAddress(replyTo) }
        let values = JSON.object(JSONObject(mail.values.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) }))
        let attachments = JSON.array(mail.attachments.map(\.json))
        guard
            let id = try MailOutboxStore(connection: connection).insert(
                template: mail.template, recipient: mail.recipient, recipientName: mail.recipientName,
                replyTo: mail.replyTo, language: mail.language.rawValue,
                values: String(decoding: values.serialized(), as: UTF8.self),
                attachments: String(decoding: attachments.serialized(), as: UTF8.self), dedupeKey: mail.dedupeKey)
        else { return nil }
        try JobQueue().enqueue(
            NewJob(kind: renderKind, payload: "{\"mail_id\":\(id)}", maxAttempts: 10, dedupeKey: "mail-render:\(id)"),
            on: connection)
        return id
    }

    /// The mail id in a render or send job's payload.
    static func mailID(in payload: String) throws -> Int64 {
        guard let id = (try? JSON.parse(payload))?["mail_id"]?.int64Value else {
            throw JobsError.permanentFailure("payload without mail_id")
        }
        return id
    }
}

extension MailValue {
    /// The value as stored in `mail_outbox.template_values`.
    var json: JSON {
        switch self {
        case .text(let text): return ["type": "text", "value": .string(text)]
        case .money(let cents, let currency):
            return ["type": "money", "cents": .int(Int64(cents)), "currency": .string(currency)]
        case .date(let text): return ["type": "date", "value": .string(text)]
        case .link(let url): return ["type": "link", "value": .string(url)]
        case .number(let value): return ["type": "number", "value": .int(Int64(value))]
        case .flag(let value): return ["type": "flag", "value": .bool(value)]
        case .rows(let rows):
            return [
                "type": "rows",
                "value": .array(
                    rows.map { row in
                        .object(JSONObject(row.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) }))
                    }),
            ]
        }
    }

    /// The value stored as `json`; nil for anything malformed.
    init?(json: JSON) {
        switch json["type"]?.stringValue {
        case "text": guard let text = json["value"]?.stringValue else { return nil }; self = .text(text)
        case "money":
            guard let cents = json["cents"]?.intValue, let currency = json["currency"]?.stringValue else { return nil }
            self = .money(cents: cents, currency: currency)
        case "date": guard let text = json["value"]?.stringValue else { return nil }; self = .date(text)
        case "link": guard let text = json["value"]?.stringValue else { return nil }; self = .link(text)
        case "number": guard let value = json["value"]?.intValue else { return nil }; self = .number(value)
        case "flag": guard let value = json["value"]?.boolValue else { return nil }; self = .flag(value)
        case "rows":
            guard let rows = json["value"]?.arrayValue else { return nil }
            var result: [[String: MailValue]] = []
            for row in rows {
                guard let object = row.objectValue else { return nil }
                var values: [String: MailValue] = [:]
                for (key, value) in object {
                    guard let decoded = MailValue(json: value) else { return nil }
                    values[key] = decoded
                }
                result.append(values)
            }
            self = .rows(result)
        default: return nil
        }
    }
}

extension OutgoingAttachment {
    /// The attachment as stored in `mail_outbox.attachments`.
    var json: JSON {
        switch self {
        case .embedded(let filename, let contentType, let bytes):
            return [
                "filename": .string(filename), "content_type": .string(contentType),
                "base64": .string(Base64.encode(bytes)),
            ]
        case .stored(let source, let reference, let filename, let contentType):
            return [
                "filename": .string(filename), "content_type": .string(contentType), "source": .string(source),
                "ref": .string(reference),
            ]
        }
    }
}
