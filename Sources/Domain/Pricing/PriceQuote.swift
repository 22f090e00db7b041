/// The priced configuration: its lines, the VAT decision and the totals the buyer will be charged.
///
/// A configuration may mix one-time and monthly items. The quote therefore has three totals, each computed as
/// one invoice would be (net summed first, VAT rounded once on that net, see ``VATRate/tax(on:)``):
/// - ``firstPayment``: everything one-time plus the first month of everything monthly. This is what the
///   checkout charges now, and what ``netCents``, ``vatCents`` and ``grossCents`` report.
/// - ``oneTime``: the one-time items alone.
/// - ``monthly``: the monthly items alone; what each later month costs. Zero when nothing is monthly.
///
/// Because each total is rounded on its own net, `oneTime.vat + monthly.vat` may differ from
/// `firstPayment.vat` by one cent; ``firstPayment`` is the amount that is charged.
public struct PriceQuote: Sendable, Hashable {
    /// The lines: the base package first, then the add-ons in the order requested.
    public let lines: [QuoteLine]
    /// The currency of every amount.
    public let currency: Currency
    /// The VAT treatment: rate, category, reverse charge and legal note.
    public let vat: VATDecision
    /// The one-time items alone.
    public let oneTime: QuoteTotals
    /// The monthly items alone: the recurring charge per month.
    public let monthly: QuoteTotals
    /// One-time items plus the first month: what is charged at checkout.
    public let firstPayment: QuoteTotals

    /// A quote over `lines` under `vat`; all lines must share `currency`.
    public init(lines: [QuoteLine], currency: Currency, vat: VATDecision) {
        func net(_ interval: BillingInterval?) -> Money {
            Money.sum(lines.filter { interval == nil || $0.interval == interval }.map(\.lineNet), currency: currency)
        }
        self.lines = lines
        self.currency = currency
        self.vat = vat
        self.oneTime = QuoteTotals(net: net(.oneTime), rate: vat.rate)
        self.monthly = QuoteTotals(net: net(.monthly), rate: vat.rate)
        self.firstPayment = QuoteTotals(net: net(nil), rate: vat.rate)
    }

    /// Net of the first payment, in cents.
    public var netCents: Int { firstPayment.net.cents }
    /// VAT of the first payment, in cents.
    public var vatCents: Int { firstPayment.vat.cents }
    /// Gross of the first payment (net + VAT), in cents.
    public var grossCents: Int { firstPayment.gross.cents }
    /// The VAT rate applied.
    public var vatRate: VATRate { vat.rate }
    /// Whether the buyer accounts for the VAT.
    public var reverseCharge: Bool { vat.reverseCharge }
    /// The legal note to show, in German and English; `nil` when German VAT is charged.
    public var legalNote: LocalizedText? { vat.legalNote }
    /// Whether anything in the configuration is charged monthly.
    public var isRecurring: Bool { lines.contains { $0.interval == .monthly } }
}
