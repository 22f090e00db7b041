import Postgres

extension InvoiceStore {
    /// The ids of the company's invoices whose PDF is stored (the XML is stored first, so both exist), for the
    /// portal's download links — one query, without reading the documents' bytes.
    public func renderedInvoiceIDs(companyID: String) throws -> Set<String> {
        let rows = try connection.query(
            """
            SELECT d.invoice_id::text AS id FROM invoice_documents d JOIN invoices i ON i.id = d.invoice_id
            WHERE i.company_id = \(companyID)::uuid AND d.kind = 'pdf'
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return Set(try rows.map { try $0.string("id") })
    }
}
