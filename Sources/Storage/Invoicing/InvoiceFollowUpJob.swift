/// A job that ``InvoiceStore/issue(_:followUp:)`` enqueues for the invoice it issues, in the same statement:
/// a `jobs` row (the Jobs module's table, sql/0004) of `kind` with payload `{"invoice_id": "<id>"}` and dedupe key
/// `<kind>:<id>`; its insert trigger wakes the jobs process at commit. E.g. `invoice.render`.
public struct InvoiceFollowUpJob: Sendable, Hashable {
    /// The job kind (the Jobs module's rules: `a-z 0-9 _ . : -`, at most 100).
    public var kind: String
    /// Claims after which a failure makes the job dead (1...1000).
    public var maxAttempts: Int

    /// A follow-up job of `kind`.
    public init(kind: String, maxAttempts: Int = 10) {
        self.kind = kind
        self.maxAttempts = maxAttempts
    }
}
