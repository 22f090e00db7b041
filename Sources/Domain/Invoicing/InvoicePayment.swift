/// A payment already received for an invoice (§14 (4) Nr. 6 UStG: amount, date and way of an advance payment),
/// or on a correction the refund made.
public struct InvoicePayment: Sendable, Hashable {
    /// How it was paid, e.g. `Stripe`.
    public let method: String
    /// The day the money arrived (or was refunded).
    public let date: CalendarDate
    /// The amount; negative for a refund.
    public let amount: Money

    /// A payment of `amount` on `date` by `method` (default `Stripe`).
    public init(method: String = "Stripe", date: CalendarDate, amount: Money) {
        self.method = method
        self.date = date
        self.amount = amount
    }
}
