import Postgres

extension InvoiceStore {
    /// One line of the portal's invoice list: what the page shows of an invoice or correction.
    public struct ListedInvoice: Sendable, Hashable {
        public let id: String
        public let number: String
        public let kind: InvoiceRecord.Kind
        /// The number of the invoice a correction corrects.
        public let correctsNumber: String?
        /// `YYYY-MM-DD`.
        public let issueDate: String
        public let status: InvoiceRecord.Status
        public let currency: String
        public let grossCents: Int
        /// What is still to be paid (``InvoiceRecord/openCents``).
        public let openCents: Int
        /// Whether its PDF is stored (the XML is stored first, so both can be downloaded).
        public let documentsReady: Bool

        /// A line of the list.
        public init(
            id: String, number: String, kind: InvoiceRecord.Kind, correctsNumber: String?, issueDate: String,
            status: InvoiceRecord.Status, currency: String, grossCents: Int, openCents: Int, documentsReady: Bool
        ) {
            self.id = id
            self.number = number
            self.kind = kind
            self.correctsNumber = correctsNumber
            self.issueDate = issueDate
            self.status = status
            self.currency = currency
            self.grossCents = grossCents
            self.openCents = openCents
            self.documentsReady = documentsReady
        }
    }

    /// The company's invoices and corrections for the portal's list, newest first as ``invoices(companyID:limit:offset:)``
    /// lists them, in ONE statement with whether each one's documents are stored, and only the columns the list
    /// shows: the full records (the seller's and buyer's snapshots, some forty columns taken out of JSON) and a
    /// second statement for the stored documents were most of the page's database time (issue #16).
    public func listing(companyID: String, limit: Int = 200) throws -> [ListedInvoice] {
        let rows = try connection.query(
            """
            SELECT i.id::text AS id, i.number, i.kind, o.number AS corrects_number, i.issue_date::text AS issue_date,
                i.status, i.currency, i.gross_cents, \(unescaped: Self.openCents) AS open_cents,
                EXISTS (SELECT FROM invoice_documents d WHERE d.invoice_id = i.id AND d.kind = 'pdf') AS documents_ready
            FROM \(unescaped: Self.from) WHERE i.company_id = \(companyID)::uuid
            ORDER BY i.issue_date DESC, i.number DESC LIMIT \(limit)
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.map { row in
            ListedInvoice(
                id: try row.string("id"), number: try row.string("number"),
                kind: InvoiceRecord.Kind(rawValue: try row.string("kind")) ?? .invoice,
                correctsNumber: try row.optionalString("corrects_number"), issueDate: try row.string("issue_date"),
                status: InvoiceRecord.Status(rawValue: try row.string("status")) ?? .open,
                currency: try row.string("currency"), grossCents: try row.int("gross_cents"),
                openCents: try row.int("open_cents"), documentsReady: try row.bool("documents_ready"))
        }
    }
}
