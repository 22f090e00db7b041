import Postgres

/// The one change an issued invoice allows: OPEN → PAID with its payment, or OPEN → SETTLED when corrections
/// reduced what it owes to 0 (the database trigger refuses any other).
extension InvoiceStore {
    /// Records that the OPEN invoice `invoiceID` was paid in full (`paid_cents` = its open amount, see
    /// ``openCents(invoiceID:)``) by `method` with
    /// `reference` (e.g. the PaymentIntent id) at the database's `now()`, in the caller's transaction; false when it
    /// was not OPEN (already paid: a repeated signal changes nothing).
    @discardableResult
    public func markPaid(invoiceID: String, method: String = "stripe", reference: String?) throws -> Bool {
        guard UUIDText.isValid(invoiceID) else { return false }
        return try connection.execute(
            """
            UPDATE invoices i SET status = 'PAID', paid_at = now(),
                paid_cents = i.gross_cents + coalesce(
                    (SELECT sum(c.gross_cents) FROM invoices c WHERE c.corrects = i.id AND c.status = 'SETTLED'), 0),
                payment_method = \(method), payment_reference = \(reference)
            WHERE i.id = \(invoiceID)::uuid AND i.status = 'OPEN'
            """) == 1
    }

    /// What the buyer still owes on invoice `invoiceID`: for an OPEN invoice its gross minus what its SETTLED
    /// corrections took off (they reduce the amount due, migration 0116); 0 for anything else or an unknown id.
    public func openCents(invoiceID: String) throws -> Int {
        guard UUIDText.isValid(invoiceID) else { return 0 }
        let rows = try connection.query(
            """
            SELECT (i.gross_cents + coalesce(
                (SELECT sum(c.gross_cents) FROM invoices c WHERE c.corrects = i.id AND c.status = 'SETTLED'), 0)
            )::bigint AS open
            FROM invoices i WHERE i.id = \(invoiceID)::uuid AND i.status = 'OPEN' AND i.kind = 'invoice'
            """)
        return try rows.first?.int("open") ?? 0
    }

    /// Records that the OPEN invoice `invoiceID` is settled without (further) payment — its corrections reduced the
    /// amount due to 0 — with `reference` (the last correction's number), in the caller's transaction; false when
    /// it was not OPEN or something is still owed.
    @discardableResult
    public func settle(invoiceID: String, reference: String) throws -> Bool {
        guard try openCents(invoiceID: invoiceID) == 0 else { return false }
        return try connection.execute(
            """
            UPDATE invoices SET status = 'SETTLED', paid_at = now(), payment_reference = \(reference)
            WHERE id = \(invoiceID)::uuid AND status = 'OPEN' AND kind = 'invoice'
            """) == 1
    }

    /// The correction issued under reduction key `key` (e.g. `unused:<subscription id>`), if any.
    public func reduction(key: String) throws -> InvoiceRecord? {
        let rows = try connection.query("SELECT id::text FROM invoices WHERE reduction_key = \(key)")
        guard let id = try rows.first?.string("id") else { return nil }
        return try invoice(id: id)
    }
}

extension InvoiceStore {
    /// Locks invoice `invoiceID` until the caller's transaction ends (corrections of one invoice are issued one at
    /// a time, so two refunds cannot both take the same remaining amount). A row lock does not fire the
    /// immutability trigger.
    public func lock(invoiceID: String) throws {
        precondition(connection.isInTransaction, "InvoiceStore.lock needs the caller's transaction")
        guard UUIDText.isValid(invoiceID) else { return }
        _ = try connection.query("SELECT id FROM invoices WHERE id = \(invoiceID)::uuid FOR UPDATE")
    }
}
