import Postgres

/// The rendered documents of an invoice (`invoice_documents`): stored once, never changed.
extension InvoiceStore {
    /// A stored document kind.
    public enum DocumentKind: String, Sendable, CaseIterable {
        /// The XRechnung CII XML (`application/xml`).
        case xml
        /// The ZUGFeRD / Factur-X PDF/A-3 (`application/pdf`).
        case pdf
    }

    /// Stores the rendered `bytes` of invoice `invoiceID` with their SHA-256 and the invoice's `retain_until`;
    /// false when that document was stored before (a repeated render job changes nothing).
    @discardableResult
    public func storeDocument(invoiceID: String, kind: DocumentKind, bytes: [UInt8]) throws -> Bool {
        try connection.execute(
            """
            INSERT INTO invoice_documents (invoice_id, kind, content, sha256, retain_until)
            SELECT i.id, \(kind.rawValue), d.content, sha256(d.content), i.retain_until
            FROM invoices i, (SELECT \(bytes)::bytea AS content) d WHERE i.id = \(invoiceID)::uuid
            ON CONFLICT (invoice_id, kind) DO NOTHING
            """) == 1
    }

    /// The stored bytes of a document of invoice `invoiceID`, or nil until it is rendered.
    public func document(invoiceID: String, kind: DocumentKind) throws -> [UInt8]? {
        guard UUIDText.isValid(invoiceID) else { return nil }
        let rows = try connection.query(
            """
            SELECT content FROM invoice_documents WHERE invoice_id = \(invoiceID)::uuid AND kind = \(kind.rawValue)
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.first?.bytes("content")
    }
}
