import Postgres

extension InvoiceStore {
    /// How rendering keeps up: issued invoices still without their PDF or XML, and `invoice.render` jobs that
    /// failed at least once and are not done (waiting for their retry, or dead after the last attempt).
    public func renderBacklog() throws -> (missingDocuments: Int, failingJobs: Int) {
        let rows = try connection.query(
            """
            SELECT (SELECT count(*) FROM invoices i
                    WHERE (SELECT count(*) FROM invoice_documents d WHERE d.invoice_id = i.id) < 2)::bigint AS missing,
                   (SELECT count(*) FROM jobs WHERE kind = 'invoice.render' AND last_error IS NOT NULL
                    AND state <> 'done')::bigint AS failing
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return (try rows[0].int("missing"), try rows[0].int("failing"))
    }
}
