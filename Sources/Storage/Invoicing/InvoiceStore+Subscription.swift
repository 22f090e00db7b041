import Postgres

extension InvoiceStore {
    /// The invoice (not a correction) of subscription `subscriptionID` for the period starting on `serviceStart`
    /// (`YYYY-MM-DD`), if one was issued: at most one, a unique index.
    public func periodInvoice(subscriptionID: String, serviceStart: String) throws -> InvoiceRecord? {
        guard UUIDText.isValid(subscriptionID) else { return nil }
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from)
            WHERE i.subscription_id = \(subscriptionID)::uuid AND i.service_start = \(serviceStart)::date
              AND i.kind = 'invoice'
            """)
        return try rows.first.map(Self.record)
    }

    /// The OPEN invoices of subscription `subscriptionID` with an amount still due (after the corrections that
    /// reduced it), oldest period first.
    public func openInvoices(subscriptionID: String) throws -> [InvoiceRecord] {
        guard UUIDText.isValid(subscriptionID) else { return [] }
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from)
            WHERE i.subscription_id = \(subscriptionID)::uuid AND i.status = 'OPEN'
            ORDER BY i.service_start, i.created_at, i.id
            """)
        return try rows.map(Self.record).filter { $0.openCents > 0 }
    }

    /// The invoices (not corrections) of subscription `subscriptionID`, newest first, as the portal lists them.
    public func subscriptionInvoices(subscriptionID: String) throws -> [SubscriptionInvoiceSummary] {
        guard UUIDText.isValid(subscriptionID) else { return [] }
        return try connection.query(
            """
            SELECT i.number, extract(epoch FROM i.issue_date::timestamp AT TIME ZONE 'UTC')::bigint AS issued,
                i.status, i.gross_cents, i.currency,
                i.gross_cents + coalesce(
                    (SELECT sum(c.gross_cents) FROM invoices c WHERE c.corrects = i.id AND c.status = 'SETTLED'), 0
                )::bigint AS open_cents
            FROM invoices i WHERE i.subscription_id = \(subscriptionID)::uuid AND i.kind = 'invoice'
            ORDER BY i.issue_date DESC, i.number DESC
            """
        ).map { row in
            SubscriptionInvoiceSummary(
                number: try row.string("number"), issuedAt: Int64(try row.int("issued")),
                status: InvoiceRecord.Status(rawValue: try row.string("status")) ?? .open,
                grossCents: try row.int("gross_cents"), currency: try row.string("currency"),
                openCents: try row.int("open_cents"))
        }
    }
}
