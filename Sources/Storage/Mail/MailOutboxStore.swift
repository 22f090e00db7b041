public import Postgres

/// The mail outbox (`mail_outbox`, 0040): rows inserted in the caller's transaction, rendered once, then
/// marked SENT or FAILED by the jobs process.
public struct MailOutboxStore {
    let connection: PostgresConnection

    /// A store on `connection` (inside the caller's transaction when one is open).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Inserts a QUEUED row; returns its id, or nil when a row with the same `dedupeKey` exists.
    /// `values` and `attachments` are JSON texts.
    public func insert(
        template: String, recipient: String, recipientName: String?, replyTo: String?, language: String,
        values: String, attachments: String, dedupeKey: String?
    ) throws -> Int64? {
        try connection.query(
            """
            INSERT INTO mail_outbox (template, recipient, recipient_name, reply_to, language, template_values,
                                     attachments, dedupe_key)
            VALUES (\(template), \(recipient), \(recipientName), \(replyTo), \(language), \(values)::jsonb,
                    \(attachments)::jsonb, \(dedupeKey))
            ON CONFLICT (dedupe_key) DO NOTHING
            RETURNING id
            """
        ).first.map { Int64(try $0.int("id")) }
    }

    /// The row `id`, locked until the transaction ends; nil when it does not exist.
    public func lock(_ id: Int64) throws -> MailOutboxRow? {
        try connection.query(
            """
            SELECT id, template, recipient, recipient_name, reply_to, language, template_values::text AS values,
                   attachments::text AS attachments, message_id, status, message,
                   floor(extract(epoch FROM created_at))::int8 AS created
            FROM mail_outbox WHERE id = \(id) FOR UPDATE
            """
        ).first.map(MailOutboxRow.init)
    }

    /// Stores the rendered bytes and their Message-ID (only once: a rendered row keeps its bytes).
    public func storeRendering(_ id: Int64, messageID: String, message: [UInt8]) throws {
        try connection.execute(
            """
            UPDATE mail_outbox SET message_id = \(messageID), message = \(message), rendered_at = now()
            WHERE id = \(id) AND message IS NULL
            """)
    }

    /// Marks a QUEUED row SENT with the server's reply. Mails carrying a secret (a sign-in link) lose their
    /// bytes and values here: once delivered they are not needed, and the database should not keep the token.
    public func markSent(_ id: Int64, reply: String, forgetContent: Bool) throws {
        try connection.execute(
            """
            UPDATE mail_outbox SET status = 'SENT', finished_at = now(), attempts = attempts + 1,
                last_reply = left(\(reply), 1000),
                message = CASE WHEN \(forgetContent) THEN NULL ELSE message END,
                rendered_at = CASE WHEN \(forgetContent) THEN NULL ELSE rendered_at END,
                template_values = CASE WHEN \(forgetContent) THEN '{}'::jsonb ELSE template_values END
            WHERE id = \(id) AND status = 'QUEUED'
            """)
    }

    /// Marks a QUEUED row FAILED with the reason (the server's reply, or why it never reached a server).
    public func markFailed(_ id: Int64, reply: String) throws {
        try connection.execute(
            """
            UPDATE mail_outbox SET status = 'FAILED', finished_at = now(), attempts = attempts + 1,
                last_reply = left(\(reply), 1000)
            WHERE id = \(id) AND status = 'QUEUED'
            """)
    }

    /// Puts a FAILED row back to QUEUED (for a retry the back office asked for). Returns whether its message was
    /// rendered before and how many attempts it has had; nil when the row is not FAILED (or unknown).
    public func requeueFailed(_ id: Int64) throws -> (rendered: Bool, attempts: Int)? {
        let rows = try connection.query(
            """
            UPDATE mail_outbox SET status = 'QUEUED', finished_at = NULL
            WHERE id = \(id) AND status = 'FAILED'
            RETURNING message IS NOT NULL AS rendered, attempts
            """)
        guard let row = rows.first else { return nil }
        return (try row.bool("rendered"), try row.int("attempts"))
    }

    /// Rows per status (every status present, zero when none).
    public func counts() throws -> [String: Int] {
        var result = ["QUEUED": 0, "SENT": 0, "FAILED": 0]
        for row in try connection.query("SELECT status, count(*)::int8 AS n FROM mail_outbox GROUP BY status") {
            result[try row.string("status")] = try row.int("n")
        }
        return result
    }

    /// The latest FAILED rows with their replies, newest first.
    public func recentFailures(limit: Int = 10) throws -> [(id: Int64, template: String, reply: String)] {
        try connection.query(
            """
            SELECT id, template, coalesce(last_reply, '') AS reply FROM mail_outbox
            WHERE status = 'FAILED' ORDER BY finished_at DESC, id DESC LIMIT \(limit)
            """
        ).map { (Int64(try $0.int("id")), try $0.string("template"), try $0.string("reply")) }
    }
}

/// One outbox row as the jobs process reads it.
public struct MailOutboxRow: Sendable {
    /// The row id.
    public var id: Int64
    /// The template id, e.g. `verify-email`.
    public var template: String
    /// The recipient's address, as enqueued (checked again before rendering).
    public var recipient: String
    /// The recipient's display name.
    public var recipientName: String?
    /// Where replies go.
    public var replyTo: String?
    /// `de` or `en`.
    public var language: String
    /// The template values as JSON text.
    public var values: String
    /// The attachments as JSON text.
    public var attachments: String
    /// Set once rendered.
    public var messageID: String?
    /// `QUEUED`, `SENT` or `FAILED`.
    public var status: String
    /// The rendered bytes, once rendered.
    public var message: [UInt8]?
    /// Seconds since 1970 when the row was written (the `Date` header).
    public var createdAt: Int64

    init(_ row: PostgresRow) throws {
        id = Int64(try row.int("id"))
        template = try row.string("template")
        recipient = try row.string("recipient")
        recipientName = try row.optionalString("recipient_name")
        replyTo = try row.optionalString("reply_to")
        language = try row.string("language")
        values = try row.string("values")
        attachments = try row.string("attachments")
        messageID = try row.optionalString("message_id")
        status = try row.string("status")
        message = try row.optionalBytes("message")
        createdAt = Int64(try row.int("created"))
    }
}
