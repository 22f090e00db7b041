public import Domain
public import Foundation

/// A printable receipt of a paid credit-pack purchase, with the buyer, the seller and the VAT treatment.
public struct Receipt: Sendable {
    /// The receipt (invoice) number.
    public var number: String
    /// The purchase id.
    public var purchaseId: String
    /// When it was issued (paid).
    public var issuedAt: Date
    /// The buyer's company name.
    public var buyerName: String
    /// The buyer's address lines.
    public var buyerAddress: [String]
    /// The priced pack: product, VAT decision (buyer country and VAT ID), totals.
    public var quote: CreditPackQuote

    /// A receipt.
    public init(
        number: String, purchaseId: String, issuedAt: Date, buyerName: String, buyerAddress: [String],
        quote: CreditPackQuote
    ) {
        self.number = number
        self.purchaseId = purchaseId
        self.issuedAt = issuedAt
        self.buyerName = buyerName
        self.buyerAddress = buyerAddress
        self.quote = quote
    }

    /// The template values under `receipt`.
    func templateValue(in language: Language, strings: [String: String]) -> TemplateValue {
        let price = { (money: Money) in TemplateValue.text(PriceFormat.text(money, in: language)) }
        let product = quote.product
        let unitLabel = (strings["credits_pack_name"] ?? "%d").replacingOccurrences(
            of: "%d", with: "\(product.credits)")
        var context: [String: TemplateValue] = [
            "number": .text(number), "purchase_id": .text(purchaseId),
            "date": .text(DateText.text(issuedAt, in: language)),
            "buyer_name": .text(buyerName), "buyer_address": .texts(buyerAddress),
            "buyer_country": .text(CountryNames.name(of: quote.vat.buyerCountry.code, in: language)),
            "line": ["name": .text(unitLabel), "id": .text(product.id), "quantity": 1, "net": price(product.net)],
            "net": price(quote.totals.net), "vat": price(quote.totals.vat), "gross": price(quote.totals.gross),
            "vat_rate": .text(PriceFormat.rate(quote.vatRate, in: language)),
        ]
        if let vatId = quote.vat.buyerVatId { context["buyer_vat_id"] = .text(vatId.value) }
        if let note = quote.legalNote { context["legal_note"] = .text(note.text(in: language)) }
        return .object(context)
    }
}
