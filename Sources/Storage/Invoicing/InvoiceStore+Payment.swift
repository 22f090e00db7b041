import Postgres

/// The one change an issued invoice allows: OPEN → PAID with its payment (the database trigger refuses any other).
extension InvoiceStore {
    /// Records that the OPEN invoice `invoiceID` was paid in full (`paid_cents` = its gross) by `method` with
    /// `reference` (e.g. the PaymentIntent id) at the database's `now()`, in the caller's transaction; false when it
    /// was not OPEN (already paid: a repeated signal changes nothing).
    @discardableResult
    public func markPaid(invoiceID: String, method: String = "stripe", reference: String?) throws -> Bool {
        guard UUIDText.isValid(invoiceID) else { return false }
        return try connection.execute(
            """
            UPDATE invoices SET status = 'PAID', paid_cents = gross_cents, paid_at = now(),
                payment_method = \(method), payment_reference = \(reference)
            WHERE id = \(invoiceID)::uuid AND status = 'OPEN'
            """) == 1
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
