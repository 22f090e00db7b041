/// The price of one credit pack for one buyer: net, VAT by the same rules as any quote, gross to charge.
public struct CreditPackQuote: Sendable, Hashable {
    /// The pack being bought.
    public let product: CreditProduct
    /// The VAT treatment: rate, category, reverse charge and legal note.
    public let vat: VATDecision
    /// Net, VAT and gross of the pack; `totals.gross` is what the buyer is charged.
    public let totals: QuoteTotals

    /// The quote for `product` under `vat`.
    public init(product: CreditProduct, vat: VATDecision) {
        self.product = product
        self.vat = vat
        self.totals = QuoteTotals(net: product.net, rate: vat.rate)
    }

    /// The credits granted once paid.
    public var credits: Int { product.credits }
    /// The currency of every amount.
    public var currency: Currency { product.net.currency }
    /// Net in cents.
    public var netCents: Int { totals.net.cents }
    /// VAT in cents.
    public var vatCents: Int { totals.vat.cents }
    /// Gross (net + VAT) in cents: the amount to charge.
    public var grossCents: Int { totals.gross.cents }
    /// The VAT rate applied.
    public var vatRate: VATRate { vat.rate }
    /// Whether the buyer accounts for the VAT.
    public var reverseCharge: Bool { vat.reverseCharge }
    /// The legal note to show, in German and English; `nil` when German VAT is charged.
    public var legalNote: LocalizedText? { vat.legalNote }
}
