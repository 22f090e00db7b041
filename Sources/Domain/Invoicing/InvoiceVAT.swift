/// How an invoice treats VAT: one category and rate for the whole invoice (the shop's three branches).
public struct InvoiceVAT: Sendable, Hashable {
    /// `S`, `AE` or `O`.
    public let category: VATCategory
    /// 19 % for `S`, 0 % otherwise.
    public let rate: VATRate

    /// German VAT at 19 % (`S`): a buyer in Germany.
    public static let germanStandard = InvoiceVAT(category: .standard, rate: .germanStandard)
    /// EU reverse charge (`AE`, `VATEX-EU-AE`): a business buyer in another member state.
    public static let reverseCharge = InvoiceVAT(category: .reverseCharge, rate: .zero)
    /// Not taxable in Germany (`O`, `VATEX-EU-O`): a buyer outside the EU.
    public static let outsideScope = InvoiceVAT(category: .outsideScope, rate: .zero)

    /// The treatment of `category` with its only rate.
    public init(category: VATCategory) {
        switch category {
        case .standard: self = .germanStandard
        case .reverseCharge: self = .reverseCharge
        case .outsideScope: self = .outsideScope
        }
    }

    /// The treatment a ``VATDecision`` made.
    public init(_ decision: VATDecision) {
        self.init(category: decision.category, rate: decision.rate)
    }

    private init(category: VATCategory, rate: VATRate) {
        self.category = category
        self.rate = rate
    }

    /// The note the invoice must carry (reverse charge, not taxable), `nil` for German VAT.
    public var legalNote: LocalizedText? { category.legalNote }
}
