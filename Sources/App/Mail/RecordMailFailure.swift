import Jobs
import Postgres
import Storage

/// A FAILED mail is an incident (kind `mail.failed`, one per outbox row) in the same transaction that marks
/// it; the back office's retry enqueues `mail.retry`, which puts the row back to QUEUED and sends it again.
enum RecordMailFailure {
    /// The job that re-queues a FAILED row: payload `{"mail_id": N}`.
    static let retryKind = "mail.retry"

    /// Marks row `id` FAILED with `reason` and records the incident.
    static func record(_ id: Int64, template: String, reason: String, on connection: PostgresConnection) throws {
        try MailOutboxStore(connection: connection).markFailed(id, reply: reason)
        try IncidentStore(connection: connection).record(
            NewIncident(
                kind: .mailFailed, dedupeKey: "mail.failed:\(id)", detail: "\(template): \(reason)",
                subject: ["mail_id": "\(id)", "template": template],
                retry: .enqueue(kind: retryKind, payload: "{\"mail_id\":\(id)}")))
    }

    /// The `mail.retry` handler: a FAILED row becomes QUEUED again and is rendered (if it never was) or sent.
    static func retry(_ id: Int64, on connection: PostgresConnection) throws {
        guard let requeued = try MailOutboxStore(connection: connection).requeueFailed(id) else { return }
        let (rendered, attempts) = requeued
        try JobQueue().enqueue(
            NewJob(
                kind: rendered ? MailOutbox.sendKind : MailOutbox.renderKind, payload: "{\"mail_id\":\(id)}",
                maxAttempts: rendered ? MailOutbox.sendAttempts : 10,
                dedupeKey: "mail-\(rendered ? "send" : "render"):\(id):retry-\(attempts)"),
            on: connection)
    }
}
