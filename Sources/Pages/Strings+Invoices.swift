// The portal's invoices page.
extension Strings {
    static let invoicesGerman: [String: String] = [
        "invoices_title": "Rechnungen",
        "invoices_description": "Ihre Rechnungen und Rechnungskorrekturen als XRechnung und PDF.",
        "invoices_heading": "Rechnungen",
        "nav_invoices": "Rechnungen",
        "invoices_explain":
            "Jede Zahlung erhält eine Rechnung nach § 14 UStG, jede Erstattung eine Rechnungskorrektur. Die XRechnung (XML) ist das Original; das PDF (ZUGFeRD/Factur-X) enthält dieselbe XML.",
        "invoices_none": "Sie haben noch keine Rechnungen.",
        "invoice_col_number": "Nummer",
        "invoice_col_gross": "Brutto",
        "invoice_col_open": "Offener Betrag",
        "invoice_col_documents": "Dokumente",
        "invoice_kind_invoice": "Rechnung",
        "invoice_kind_correction": "Rechnungskorrektur",
        "invoice_corrects": "zu",
        "invoice_status_open": "offen",
        "invoice_status_paid": "bezahlt",
        "invoice_status_refunded": "erstattet",
        "invoice_status_settled": "ausgeglichen (Betrag gemindert)",
        "invoice_documents_pending": "wird erstellt",
    ]

    static let invoicesEnglish: [String: String] = [
        "invoices_title": "Invoices",
        "invoices_description": "Your invoices and correction invoices as XRechnung and PDF.",
        "invoices_heading": "Invoices",
        "nav_invoices": "Invoices",
        "invoices_explain":
            "Every payment gets an invoice under § 14 UStG, every refund a correction invoice. The XRechnung (XML) is the original; the PDF (ZUGFeRD/Factur-X) contains the same XML.",
        "invoices_none": "You have no invoices yet.",
        "invoice_col_number": "Number",
        "invoice_col_gross": "Gross",
        "invoice_col_open": "Amount due",
        "invoice_col_documents": "Documents",
        "invoice_kind_invoice": "Invoice",
        "invoice_kind_correction": "Correction invoice",
        "invoice_corrects": "to",
        "invoice_status_open": "open",
        "invoice_status_paid": "paid",
        "invoice_status_refunded": "refunded",
        "invoice_status_settled": "settled (amount reduced)",
        "invoice_documents_pending": "being prepared",
    ]
}
