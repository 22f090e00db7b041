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
