public import Postgres

/// Period invoices issued but not yet charged (`subscription_charges_due`, migration 0066): written in the
/// transaction that issues the invoice, taken (locked, skipping rows other runs hold) and removed in the
/// transaction that makes the charge's first attempt.
public struct SubscriptionChargeQueue {
    /// An invoice waiting for its first charge.
    public struct Due: Sendable, Hashable {
        /// The invoice to charge.
        public let invoiceID: String
        /// Its subscription.
        public let subscriptionID: String
    }

    let connection: PostgresConnection

    /// A queue on `connection` (inside the caller's transaction for every call).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Queues `invoiceID` for its first charge; false when it is queued already.
    @discardableResult
    public func enqueue(invoiceID: String, subscriptionID: String) throws -> Bool {
        try connection.execute(
            """
            INSERT INTO subscription_charges_due (invoice_id, subscription_id)
            VALUES (\(invoiceID)::uuid, \(subscriptionID)::uuid) ON CONFLICT (invoice_id) DO NOTHING
            """) == 1
    }

    /// Takes the oldest due invoice (or `invoiceID` if still due), locked until the caller's transaction ends;
    /// rows locked by another run are skipped. Nil when nothing (else) is due.
    public func take(invoiceID: String? = nil) throws -> Due? {
        let rows: PostgresRows
        if let invoiceID {
            rows = try connection.query(
                """
                SELECT invoice_id::text, subscription_id::text FROM subscription_charges_due
                WHERE invoice_id = \(invoiceID)::uuid FOR UPDATE SKIP LOCKED
                """)
        } else {
            rows = try connection.query(
                """
                SELECT invoice_id::text, subscription_id::text FROM subscription_charges_due
                ORDER BY created_at, invoice_id LIMIT 1 FOR UPDATE SKIP LOCKED
                """)
        }
        guard let row = rows.first else { return nil }
        return Due(invoiceID: try row.string("invoice_id"), subscriptionID: try row.string("subscription_id"))
    }

    /// Removes a charged invoice from the queue.
    public func remove(invoiceID: String) throws {
        try connection.execute("DELETE FROM subscription_charges_due WHERE invoice_id = \(invoiceID)::uuid")
    }

    /// How many invoices wait for their first charge.
    public func count() throws -> Int {
        try connection.query("SELECT count(*)::bigint AS n FROM subscription_charges_due")[0].int("n")
    }
}
