import Web

extension InvoiceRefundRefusal: ProblemConvertible {
    /// 422 naming `amount_cents` for an amount out of range, 409 for an invoice that cannot be refunded.
    var problem: Problem {
        switch reason {
        case .rejected(.amountOutOfRange(let remaining)):
            return .unprocessable(
                detail: "At most \(remaining) cents are left to refund on invoice \(invoiceNumber).",
                errors: [
                    FieldError(field: "amount_cents", detail: "must be from 1 to \(remaining)", code: "out_of_range")
                ])
        case .rejected(.notPaid):
            return .conflict(detail: "Invoice \(invoiceNumber) is not paid, so there is nothing to refund.")
        case .rejected(.notAnInvoice):
            return .conflict(detail: "\(invoiceNumber) is a correction; refund its invoice instead.")
        case .noPayment:
            return .conflict(detail: "Invoice \(invoiceNumber) has no Stripe payment to refund.")
        }
    }
}
