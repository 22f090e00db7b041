public import Domain

/// A ``PriceQuote`` as the configurator's summary region and the order step show it: lines, net, VAT, gross and
/// the legal note, in one language.
public struct QuoteSummary: Sendable {
    /// The quote shown.
    public let quote: PriceQuote

    /// A summary of `quote`.
    public init(quote: PriceQuote) {
        self.quote = quote
    }

    /// The template values under `quote`.
    func templateValue(in language: Language, strings: [String: String]) -> TemplateValue {
        let price = { (money: Money) in TemplateValue.text(PriceFormat.text(money, in: language)) }
        var context: TemplateObject = [
            "lines": .list(
                quote.lines.map { line in
                    [
                        "id": .text(line.id), "name": .text(line.name.text(in: language)),
                        "quantity": .number(line.quantity), "unit": price(line.unitNet), "total": price(line.lineNet),
                        "interval": .text(CatalogView.intervalLabel(line.interval, strings: strings)),
                    ]
                }),
            "net": price(quote.firstPayment.net),
            "vat": price(quote.firstPayment.vat),
            "gross": price(quote.firstPayment.gross),
            "vat_rate": .text(PriceFormat.rate(quote.vatRate, in: language)),
            "reverse_charge": .flag(quote.reverseCharge),
            "country": .text(CountryNames.name(of: quote.vat.buyerCountry.code, in: language)),
        ]
        if let note = quote.legalNote { context["legal_note"] = .text(note.text(in: language)) }
        if let vatId = quote.vat.buyerVatId { context["buyer_vat_id"] = .text(vatId.description) }
        if quote.isRecurring {
            context["monthly"] = [
                "net": price(quote.monthly.net), "vat": price(quote.monthly.vat), "gross": price(quote.monthly.gross),
            ]
        }
        return .object(context)
    }
}
