public import Domain

/// One stored line of an invoice (`invoice_lines`).
public struct InvoiceLineRecord: Sendable, Hashable {
    /// 1, 2, …
    public let position: Int
    /// The catalog item or product id.
    public let itemID: String
    /// What was sold, in German and English.
    public let description: LocalizedText
    /// The quantity as exact decimal text with four places, e.g. `1.0000`, `-2.5000`.
    public let quantity: String
    /// The UN/ECE Rec. 20 unit code.
    public let unitCode: String
    /// The unit net price as exact decimal text with four places, e.g. `6.9900`.
    public let unitNetPrice: String
    /// The line net in cents.
    public let lineNetCents: Int
}
