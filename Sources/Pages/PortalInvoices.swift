public import Domain

/// The portal's invoices page: every invoice and correction of the company, newest first, with the XRechnung XML
/// (the legal original) and the Factur-X PDF to download once the jobs process has rendered them.
public struct PortalInvoices: Sendable {
    /// One invoice or correction.
    public struct Row: Sendable {
        /// Its id (the download links end with it).
        public var id: String
        /// `CZ-2026-000001` or `CZ-K-2026-000001`.
        public var number: String
        /// A correction (Rechnungskorrektur) of ``corrects``.
        public var isCorrection: Bool
        /// The corrected invoice's number.
        public var corrects: String?
        /// The issue date, `YYYY-MM-DD`.
        public var issueDate: String
        /// `open`, `paid`, `refunded` or `settled` (labels `invoice_status_<status>`).
        public var status: String
        /// The gross amount (negative for a correction).
        public var gross: Money
        /// What is still owed on an OPEN invoice (its gross less the corrections that reduced it); nil otherwise.
        public var open: Money?
        /// Whether the documents are stored (else "being prepared").
        public var documentsReady: Bool

        /// A row.
        public init(
            id: String, number: String, isCorrection: Bool, corrects: String?, issueDate: String, status: String,
            gross: Money, open: Money? = nil, documentsReady: Bool
        ) {
            self.id = id
            self.number = number
            self.isCorrection = isCorrection
            self.corrects = corrects
            self.issueDate = issueDate
            self.status = status
            self.gross = gross
            self.open = open
            self.documentsReady = documentsReady
        }
    }

    /// The rows, newest first.
    public var rows: [Row]

    /// The page's data.
    public init(rows: [Row]) { self.rows = rows }

    /// The fragment of an invoice's row on the page (`#invoice-CZ-2026-000001`): where a paid credit pack's old
    /// receipt address leads.
    public static func anchor(_ number: String) -> String { "invoice-" + number }

    /// The template values in `language`.
    func templateValue(in language: Language, strings: [String: String]) -> TemplateValue {
        [
            "has_rows": .flag(!rows.isEmpty),
            "rows": .list(
                rows.map { row in
                    var item: TemplateObject = [
                        "id": .text(row.id), "number": .text(row.number), "anchor": .text(Self.anchor(row.number)),
                        "kind": .text(
                            strings[row.isCorrection ? "invoice_kind_correction" : "invoice_kind_invoice"] ?? ""),
                        "date": .text(DateText.text(isoDate: row.issueDate, in: language) ?? row.issueDate),
                        "date_iso": .text(row.issueDate),
                        "status": .text(strings["invoice_status_" + row.status] ?? row.status),
                        "gross": .text(PriceFormat.text(row.gross, in: language)),
                        "pdf": .text("/api/v1/invoices/\(row.id)/pdf"), "xml": .text("/api/v1/invoices/\(row.id)/xml"),
                        "ready": .flag(row.documentsReady),
                    ]
                    if let corrects = row.corrects { item["corrects"] = .text(corrects) }
                    if let open = row.open { item["open"] = .text(PriceFormat.text(open, in: language)) }
                    return .object(item)
                }),
        ]
    }
}
