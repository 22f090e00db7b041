/// The amounts at the foot of an invoice, all in the invoice's currency. Negative on a correction.
public struct InvoiceTotals: Sendable, Hashable {
    /// The sum of the lines' net amounts (BT-106, BT-109).
    public let net: Money
    /// The VAT on ``net`` by the one rounding rule (BT-110).
    public let vat: Money
    /// ``net`` + ``vat`` (BT-112).
    public let gross: Money
    /// What was already paid, or on a correction refunded (BT-113).
    public let paid: Money
    /// ``gross`` − ``paid`` (BT-115): zero for an invoice paid in full.
    public let due: Money

    /// Totals as stored; ``InvoiceDocument/validate()`` checks that they add up.
    public init(net: Money, vat: Money, gross: Money, paid: Money, due: Money) {
        self.net = net
        self.vat = vat
        self.gross = gross
        self.paid = paid
        self.due = due
    }

    /// The totals of `lines` under `vat`, of which `paid` was already paid.
    public static func of(lines: [InvoiceLine], vat: InvoiceVAT, currency: Currency, paid: Money) -> InvoiceTotals {
        let net = Money(cents: lines.reduce(0) { $0 + $1.netCents }, currency: currency)
        let tax = vat.rate.tax(on: net)
        let gross = net + tax
        return InvoiceTotals(net: net, vat: tax, gross: gross, paid: paid, due: gross - paid)
    }
}
