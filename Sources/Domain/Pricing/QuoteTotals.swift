/// Net, VAT and gross of one invoice-like total, with VAT computed on the total net by ``VATRate/tax(on:)``.
public struct QuoteTotals: Sendable, Hashable {
    /// The sum of the net line totals.
    public let net: Money
    /// The VAT on ``net``, rounded once by the one rounding rule.
    public let vat: Money
    /// ``net`` plus ``vat``: what the buyer is charged.
    public let gross: Money

    /// The totals of `net` at `rate`.
    public init(net: Money, rate: VATRate) {
        self.net = net
        self.vat = rate.tax(on: net)
        self.gross = net + vat
    }
}
