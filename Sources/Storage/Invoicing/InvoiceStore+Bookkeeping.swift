public import Domain
import Postgres

extension InvoiceStore {
    /// One invoice or correction of a period as bookkeeping needs it.
    public struct BookkeepingRow: Sendable, Hashable {
        /// The invoice's id.
        public let id: String
        /// Its number.
        public let number: String
        /// `invoice` or `correction`.
        public let kind: InvoiceRecord.Kind
        /// The issue date, `YYYY-MM-DD`.
        public let issueDate: String
        /// The last day of service, `YYYY-MM-DD`.
        public let serviceEnd: String
        /// Net, VAT and gross in cents (negative on a correction).
        public let netCents: Int
        /// VAT in cents.
        public let vatCents: Int
        /// Gross in cents.
        public let grossCents: Int
        /// `S`, `AE` or `O`.
        public let vatCategory: VATCategory
        /// The buyer's legal name (snapshot).
        public let buyerName: String
        /// The buyer's VAT ID (snapshot).
        public let buyerVatID: String?
        /// The buying company's debtor account.
        public let debtorAccount: Int
    }

    /// The invoices and corrections issued from `from` to `to` (inclusive), by number, each with its company's
    /// debtor account; companies without one get the next free account from `firstDebtorAccount` (once, for good).
    /// Must run in a transaction (the accounts are handed out under a table lock).
    public func bookkeepingRows(from: String, to: String, firstDebtorAccount: Int) throws -> [BookkeepingRow] {
        precondition(connection.isInTransaction, "InvoiceStore.bookkeepingRows needs a transaction")
        try connection.execute("LOCK TABLE datev_debtor_accounts IN SHARE ROW EXCLUSIVE MODE")
        try connection.execute(
            """
            INSERT INTO datev_debtor_accounts (company_id, account)
            SELECT company_id, greatest((SELECT max(account) FROM datev_debtor_accounts), \(firstDebtorAccount) - 1)
                   + row_number() OVER (ORDER BY first_issued, company_id)
            FROM (SELECT i.company_id, min(i.issue_date) AS first_issued FROM invoices i
                  WHERE i.issue_date BETWEEN \(from)::date AND \(to)::date
                    AND NOT EXISTS (SELECT 1 FROM datev_debtor_accounts d WHERE d.company_id = i.company_id)
                  GROUP BY i.company_id) missing
            """)
        let rows = try connection.query(
            """
            SELECT i.id::text, i.number, i.kind, i.issue_date::text, i.service_end::text, i.net_cents, i.vat_cents,
                   i.gross_cents, i.vat_category, i.buyer->>'legal_name' AS buyer_name,
                   i.buyer->>'vat_id' AS buyer_vat_id, d.account
            FROM invoices i JOIN datev_debtor_accounts d ON d.company_id = i.company_id
            WHERE i.issue_date BETWEEN \(from)::date AND \(to)::date
            ORDER BY i.issue_date, i.number
            """)
        return try rows.map { row in
            BookkeepingRow(
                id: try row.string("id"), number: try row.string("number"),
                kind: InvoiceRecord.Kind(rawValue: try row.string("kind")) ?? .invoice,
                issueDate: try row.string("issue_date"), serviceEnd: try row.string("service_end"),
                netCents: try row.int("net_cents"), vatCents: try row.int("vat_cents"),
                grossCents: try row.int("gross_cents"),
                vatCategory: VATCategory(rawValue: try row.string("vat_category")) ?? .standard,
                buyerName: try row.optionalString("buyer_name") ?? "",
                buyerVatID: try row.optionalString("buyer_vat_id"),
                debtorAccount: try row.int("account"))
        }
    }

    /// The VAT report of the invoices and corrections issued from `from` to `to`: per category the count and
    /// the sums of net, VAT and gross in cents.
    public func vatReport(
        from: String, to: String
    ) throws -> [(
        category: VATCategory, count: Int, netCents: Int, vatCents: Int, grossCents: Int
    )] {
        let rows = try connection.query(
            """
            SELECT vat_category, count(*)::bigint AS n, sum(net_cents)::bigint AS net, sum(vat_cents)::bigint AS vat,
                   sum(gross_cents)::bigint AS gross
            FROM invoices WHERE issue_date BETWEEN \(from)::date AND \(to)::date
            GROUP BY vat_category ORDER BY vat_category
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.map { row in
            (
                VATCategory(rawValue: try row.string("vat_category")) ?? .standard, try row.int("n"),
                try row.int("net"), try row.int("vat"), try row.int("gross")
            )
        }
    }

    /// The stored documents of the invoices issued from `from` to `to`, by number (the caller bounds the period:
    /// they are held in memory).
    public func documents(from: String, to: String) throws -> [(number: String, kind: DocumentKind, content: [UInt8])] {
        let rows = try connection.query(
            """
            SELECT i.number, d.kind, d.content FROM invoices i JOIN invoice_documents d ON d.invoice_id = i.id
            WHERE i.issue_date BETWEEN \(from)::date AND \(to)::date ORDER BY i.number, d.kind
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.map { row in
            (try row.string("number"), DocumentKind(rawValue: try row.string("kind")) ?? .xml, try row.bytes("content"))
        }
    }

    /// How many invoices were issued from `from` to `to`.
    public func count(from: String, to: String) throws -> Int {
        try connection.query(
            "SELECT count(*)::bigint AS n FROM invoices WHERE issue_date BETWEEN \(from)::date AND \(to)::date",
            retryOnConnectionLoss: !connection.isInTransaction)[0].int("n")
    }
}
