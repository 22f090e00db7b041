public import Domain
public import Pages

/// A mail to enqueue with ``MailOutbox/enqueue(_:on:)`` inside the transaction of the event that causes it.
///
/// ```swift
/// try connection.transaction { transaction in
///     try orders.markPaid(order, on: transaction)
///     try MailOutbox.enqueue(
///         OutgoingMail(
///             template: "order-confirmation", to: user.email, language: .de,
///             values: ["order_number": .text(order.number), "gross": .money(cents: 11_900, currency: "EUR")],
///             dedupeKey: "order-confirmation:\(order.id)"),
///         on: transaction)
/// }
/// ```
///
/// `template` names the files `Sources/Pages/MailTemplates/<template>.<de|en>.<txt|html>.mustache`.
public struct OutgoingMail: Sendable {
    /// The template id, e.g. `verify-email` (lowercase letters, digits, `_ . -`).
    public var template: String
    /// The recipient's address (checked now and again before sending; an invalid one never reaches SMTP).
    public var recipient: String
    /// The recipient's display name (umlauts fine; control characters are refused).
    public var recipientName: String?
    /// Where replies go instead of the sender (e.g. the lead's address on a lead notification).
    public var replyTo: String?
    /// The recipient's language.
    public var language: Language
    /// The template's values, formatted for `language` when the mail is rendered.
    public var values: [String: MailValue]
    /// Files to attach.
    public var attachments: [OutgoingAttachment]
    /// "Enqueue once": when a mail with this key exists, nothing is inserted (e.g. `receipt:<invoice id>`).
    public var dedupeKey: String?

    /// Describes a mail.
    public init(
        template: String, to recipient: String, name recipientName: String? = nil, replyTo: String? = nil,
        language: Language, values: [String: MailValue] = [:], attachments: [OutgoingAttachment] = [],
        dedupeKey: String? = nil
    ) {
        self.template = template
        self.recipient = recipient
        self.recipientName = recipientName
        self.replyTo = replyTo
        self.language = language
        self.values = values
        self.attachments = attachments
        self.dedupeKey = dedupeKey
    }
}

/// A file attached to an ``OutgoingMail``.
public enum OutgoingAttachment: Sendable, Hashable {
    /// The bytes themselves, stored with the outbox row.
    case embedded(filename: String, contentType: String, bytes: [UInt8])
    /// Bytes the jobs process loads when it renders the mail, from a source registered in
    /// ``MailAttachmentSources`` (e.g. `source: "invoice_pdf", reference: "<invoice id>"`).
    case stored(source: String, reference: String, filename: String, contentType: String)
}
