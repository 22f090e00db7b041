/// What kind of trouble an incident records, as a dotted lower-case name (`payment.amount_mismatch`). Other
/// features add their own kinds as static constants next to these.
public struct IncidentKind: Sendable, Hashable, CustomStringConvertible {
    /// The name, matching `^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$`, at most 64 characters.
    public let name: String

    /// A kind by name; traps on a malformed name (kinds are written in code, not taken from input).
    public init(_ name: String) {
        precondition(name.utf8.count <= 64 && AuditAction.isValid(name), "malformed incident kind")
        self.name = name
    }

    /// A background job failed its last attempt (or failed permanently).
    public static let jobDead = IncidentKind("job.dead")
    /// Processing a stored Stripe event failed for good (its job is dead).
    public static let webhookFailed = IncidentKind("webhook.failed")
    /// Stripe reported another amount or currency than the purchase's; nothing was fulfilled.
    public static let amountMismatch = IncidentKind("payment.amount_mismatch")
    /// A second payment for an order that was already paid; it is refunded automatically.
    public static let duplicatePayment = IncidentKind("payment.duplicate")
    /// An e-mail could not be delivered (the server refused it for good).
    public static let mailFailed = IncidentKind("mail.failed")
    /// An invoice document (PDF or XML) could not be rendered.
    public static let invoiceRenderFailed = IncidentKind("invoice.render_failed")

    /// Every kind this codebase records, for the metric families (kinds never seen count 0).
    public static let known: [IncidentKind] = [
        .jobDead, .webhookFailed, .amountMismatch, .duplicatePayment, .mailFailed, .invoiceRenderFailed,
    ]

    /// The name.
    public var description: String { name }
}
