/// One invoice of a subscription as the portal's subscriptions page lists it
/// (``InvoiceStore/subscriptionInvoices(subscriptionID:)``).
public struct SubscriptionInvoiceSummary: Sendable, Hashable {
    /// The invoice number.
    public var number: String
    /// The issue date's start (00:00 UTC), in seconds since 1970.
    public var issuedAt: Int64
    /// The invoice's status.
    public var status: InvoiceRecord.Status
    /// The gross amount in cents.
    public var grossCents: Int
    /// The currency code.
    public var currency: String
    /// The gross amount less the corrections that reduced it (what is due while the invoice is open).
    public var openCents: Int

    /// A summary.
    public init(
        number: String, issuedAt: Int64, status: InvoiceRecord.Status, grossCents: Int, currency: String,
        openCents: Int
    ) {
        self.number = number
        self.issuedAt = issuedAt
        self.status = status
        self.grossCents = grossCents
        self.currency = currency
        self.openCents = openCents
    }
}
