/// Why a finance refund of one invoice (``RefundInvoice``) did nothing, with the invoice's number for the answer.
struct InvoiceRefundRefusal: Error, Equatable {
    /// The invoice's number, e.g. `CZ-2026-000042`.
    let invoiceNumber: String
    /// The reason.
    let reason: Reason

    /// The reasons.
    enum Reason: Equatable {
        /// The amount or the invoice's state does not allow it.
        case rejected(IssueCorrection.Rejection)
        /// The invoice was not paid through a payment the gateway knows.
        case noPayment
    }
}
