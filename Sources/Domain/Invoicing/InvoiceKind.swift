/// Whether a document is an invoice or a correction of one (Rechnungskorrektur, never "Gutschrift").
public enum InvoiceKind: Sendable, Hashable {
    /// An invoice, UNTDID 1001 type code 380 (commercial invoice).
    case invoice
    /// A correction of the invoice `number` issued on `issueDate`: type code 384 (corrected invoice), with the
    /// original as the preceding invoice reference (BG-3: BT-25, BT-26).
    case correction(of: String, issuedOn: CalendarDate)

    /// The UNTDID 1001 document type code (BT-3): `380` or `384`.
    public var typeCode: String {
        switch self {
        case .invoice: "380"
        case .correction: "384"
        }
    }

    /// `invoice` or `correction`, as the API names it.
    public var name: String {
        switch self {
        case .invoice: "invoice"
        case .correction: "correction"
        }
    }

    /// The title printed on the document.
    public var title: LocalizedText {
        switch self {
        case .invoice: LocalizedText(de: "Rechnung", en: "Invoice")
        case .correction: LocalizedText(de: "Rechnungskorrektur", en: "Invoice correction")
        }
    }
}
