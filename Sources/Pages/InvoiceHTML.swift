public import Domain

/// The human-readable invoice as HTML for the PDF renderer (WeasyPrint, A4): German, with the English label
/// after each German one when the buyer's language is English. Amounts and dates in German notation.
///
/// It shows what §14 (4) UStG requires and nothing the XML does not say (the XML prevails, REQUIREMENTS §3.1).
public enum InvoiceHTML {
    /// The complete HTML document for `document`.
    public static func html(_ document: InvoiceDocument) -> String {
        let label = { (de: String, en: String) in document.language == .en ? "\(de) / \(en)" : de }
        let money = { (cents: Int) in PriceFormat.text(Money(cents: cents, currency: document.currency), in: .de) }
        let seller = document.seller
        let buyer = document.buyer
        var body = ""
        body += "<header><div class=\"seller\"><strong>\(e(seller.name))</strong><br>\(e(seller.address.street))<br>"
        body += "\(e(seller.address.postcode)) \(e(seller.address.city))<br>\(e(country(seller.address.country)))</div>"
        body += "<div class=\"meta\"><h1>\(e(label(document.kind.title.de, document.kind.title.en)))</h1><table>"
        body += row(label("Nummer", "Number"), document.number)
        body += row(label("Rechnungsdatum", "Issue date"), document.issueDate.german)
        body += row(label("Leistungszeitraum", "Service period"), document.servicePeriod.german)
        body += row(label("Ihre Referenz", "Your reference"), buyer.buyerReference)
        body += "</table></div></header>"
        body += "<section class=\"buyer\"><strong>\(e(buyer.legalName))</strong><br>\(e(buyer.address.street))<br>"
        body += "\(e(buyer.address.postcode)) \(e(buyer.address.city))<br>\(e(country(buyer.address.country)))"
        if let vatId = buyer.vatId, !vatId.isEmpty {
            body += "<br>\(e(label("USt-IdNr.", "VAT ID"))): \(e(vatId))"
        }
        body += "</section>"
        if case .correction(let original, let date) = document.kind {
            let en = "Correction of invoice \(original) of \(date.german)"
            body +=
                "<p class=\"ref\">\(e(label("Rechnungskorrektur zur Rechnung \(original) vom \(date.german)", en)))</p>"
        }
        body += "<table class=\"lines\"><colgroup><col class=\"pos\"><col><col class=\"qty\"><col class=\"unit\">"
        body += "<col class=\"price\"><col class=\"net\"></colgroup><thead><tr><th>\(e(label("Pos.", "Item")))</th>"
        body +=
            "<th>\(e(label("Beschreibung", "Description")))</th><th class=\"n\">\(e(label("Menge", "Quantity")))</th>"
        body +=
            "<th>\(e(label("Einheit", "Unit")))</th><th class=\"n\">\(e(label("Einzelpreis netto", "Unit price net")))</th>"
        body += "<th class=\"n\">\(e(label("Betrag netto", "Amount net")))</th></tr></thead><tbody>"
        for line in document.lines {
            body += "<tr><td>\(e(line.id))</td><td>\(e(line.description))</td>"
            body += "<td class=\"n\">\(e(decimal(line.quantity, minimumPlaces: 0)))</td>"
            body += "<td>\(e(unit(line.unitCode, document.language)))</td>"
            body +=
                "<td class=\"n\">\(e(decimal(line.unitNetPrice, minimumPlaces: 2)))\u{a0}\(e(symbol(document.currency)))</td>"
            body += "<td class=\"n\">\(e(money(line.netCents)))</td></tr>"
        }
        body += "</tbody></table><table class=\"totals\">"
        let totals = document.totals
        body += row(label("Summe netto", "Total net"), money(totals.net.cents))
        let rate = PriceFormat.rate(document.vat.rate, in: .de)
        body += row(label("Umsatzsteuer \(rate)", "VAT \(rate)"), money(totals.vat.cents))
        body += row(label("Gesamtbetrag", "Total"), money(totals.gross.cents), strong: true)
        if let payment = document.payment {
            let refund = payment.amount.cents < 0
            let de = "\(refund ? "Erstattet" : "Bezahlt") per \(payment.method) am \(payment.date.german)"
            let en = "\(refund ? "Refunded" : "Paid") by \(payment.method) on \(payment.date.german)"
            body += row(label(de, en), money(totals.paid.cents))
        }
        body += row(label("Offener Betrag", "Amount due"), money(totals.due.cents), strong: true)
        body += "</table>"
        if let note = document.vat.legalNote {
            body += "<p class=\"note\">\(e(document.language == .en ? "\(note.de) / \(note.en)" : note.de))</p>"
        }
        body += "<p>\(e(document.paymentTerms))</p>"
        body +=
            "<p class=\"small\">\(e(label("Die E-Rechnung (XRechnung, Factur-X EN 16931) ist als factur-x.xml eingebettet; sie ist maßgeblich.", "The e-invoice (XRechnung, Factur-X EN 16931) is embedded as factur-x.xml and prevails.")))</p>"
        body += footer(seller, label)
        return """
            <!DOCTYPE html>
            <html lang="\(document.language == .en ? "en" : "de")"><head><meta charset="utf-8">
            <title>\(e(document.kind.title.de)) \(e(document.number))</title>
            <meta name="author" content="\(e(seller.name))"><style>\(style)</style></head>
            <body>\(body)</body></html>
            """
    }

    static func footer(_ seller: SellerParty, _ label: (String, String) -> String) -> String {
        var parts = ["\(seller.name), \(seller.address.street), \(seller.address.postcode) \(seller.address.city)"]
        if !seller.register.isEmpty { parts.append(seller.register) }
        if !seller.directors.isEmpty {
            parts.append("\(label("Geschäftsführung", "Managing directors")): \(seller.directors)")
        }
        if !seller.taxNumber.isEmpty { parts.append("\(label("Steuernummer", "Tax number")): \(seller.taxNumber)") }
        parts.append("\(label("USt-IdNr.", "VAT ID")): \(seller.vatId)")
        parts.append("IBAN \(seller.iban)" + (seller.bic.isEmpty ? "" : ", BIC \(seller.bic)"))
        parts.append("\(seller.email), \(seller.phone)")
        return "<footer>" + parts.map(e).joined(separator: " · ") + "</footer>"
    }

    static func row(_ name: String, _ value: String, strong: Bool = false) -> String {
        let cell = strong ? "<strong>\(e(value))</strong>" : e(value)
        return "<tr><th>\(e(name))</th><td class=\"n\">\(cell)</td></tr>"
    }

    static func country(_ country: Country) -> String {
        CountryNames.name(of: country.code, in: .de)
    }

    static func symbol(_ currency: Currency) -> String {
        currency == .eur ? "€" : currency.code
    }

    /// `value` in German notation with `minimumPlaces`...4 decimals: `1.234,5`, `0,0125`, `6,99`.
    static func decimal(_ value: ExactDecimal, minimumPlaces: Int) -> String {
        var text = value.text(places: 4)
        var places = 4
        while places > minimumPlaces, text.hasSuffix("0") {
            text.removeLast()
            places -= 1
        }
        if text.hasSuffix(".") { text.removeLast() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let negative = parts[0].hasPrefix("-")
        let digits = Array(parts[0].drop { $0 == "-" })
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "." }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + (parts.count > 1 ? ",\(parts[1])" : "")
    }

    static func unit(_ code: String, _ language: Language) -> String {
        let names: [String: LocalizedText] = [
            "C62": LocalizedText(de: "Stück", en: "piece"), "MON": LocalizedText(de: "Monat", en: "month"),
            "HUR": LocalizedText(de: "Stunde", en: "hour"), "DAY": LocalizedText(de: "Tag", en: "day"),
        ]
        guard let name = names[code] else { return code }
        return language == .en ? "\(name.de) / \(name.en)" : name.de
    }

    /// `text` escaped for HTML (``TemplateLibrary/escaped(_:)``).
    static func e(_ text: String) -> String {
        TemplateLibrary.escaped(text)
    }

    static let style = """
        @page { size: A4; margin: 18mm 16mm 34mm 20mm;
          @top-right { content: counter(page) " / " counter(pages); font-size: 7.5pt; color: #555; } }
        body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; color: #111; line-height: 1.35; }
        header { display: flex; justify-content: space-between; margin-bottom: 12mm; }
        .seller { width: 45%; }
        h1 { font-size: 16pt; margin: 0 0 3mm 0; }
        .meta table th { text-align: left; font-weight: normal; padding-right: 4mm; color: #444; }
        .buyer { margin-bottom: 10mm; }
        table.lines { width: 100%; border-collapse: collapse; margin-bottom: 6mm; table-layout: fixed; }
        table.lines col.pos { width: 8%; }
        table.lines col.qty { width: 11%; }
        table.lines col.unit { width: 11%; }
        table.lines col.price { width: 15%; }
        table.lines col.net { width: 15%; }
        table.lines th { text-align: left; border-bottom: 1pt solid #111; padding: 1.5mm 1mm; font-size: 7.5pt;
          vertical-align: bottom; }
        table.lines td { border-bottom: 0.5pt solid #bbb; padding: 1.5mm 1mm; vertical-align: top;
          overflow-wrap: break-word; }
        td.n { text-align: right; white-space: nowrap; }
        th.n { text-align: right; }
        table.totals { margin-left: auto; border-collapse: collapse; margin-bottom: 6mm; }
        table.totals th { text-align: left; font-weight: normal; padding: 1mm 6mm 1mm 0; }
        .note { font-weight: bold; }
        .ref { font-weight: bold; }
        .small { font-size: 7.5pt; color: #444; }
        footer { position: fixed; bottom: -26mm; left: 0; right: 0; font-size: 7pt; color: #444;
          border-top: 0.5pt solid #999; padding-top: 1.5mm; }
        """
}
