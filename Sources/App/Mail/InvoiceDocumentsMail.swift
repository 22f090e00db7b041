import Domain
import Pages
import Postgres
import Storage

/// The payment receipt: an issued invoice (or its correction) mailed to the buyer with both documents attached —
/// the ZUGFeRD/Factur-X PDF and the XRechnung XML, the legal original. Enqueued by `invoice.render` in the
/// transaction that stores the documents, once per invoice (dedupe key), in the invoice's language.
enum InvoiceDocumentsMail {
    /// Enqueues the mail of `invoice` with `xml` and `pdf` attached; nothing when the buyer snapshot has no address
    /// or the invoice is still open (an open invoice is mailed when it is charged, not as a receipt) or was settled
    /// by corrections without a payment. A correction that reduced the amount due says so instead of "refunded".
    static func enqueue(
        for invoice: InvoiceRecord, xml: [UInt8], pdf: [UInt8], on connection: PostgresConnection
    ) throws {
        // An invoice settled by corrections alone was never paid: no receipt (its correction is mailed).
        guard let email = invoice.buyer.email, invoice.status != .open,
            invoice.kind == .correction || invoice.status != .settled
        else { return }
        let language = invoice.language
        let correction = invoice.kind == .correction
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "payment-receipt", to: email, name: invoice.buyer.legalName, language: language,
                values: [
                    "invoice_number": .text(invoice.number),
                    "issue_date": .date(invoice.issueDate),
                    "company": .text(invoice.buyer.legalName),
                    "gross": .money(cents: invoice.grossCents, currency: invoice.currency),
                    "paid": .money(cents: abs(invoice.paidCents), currency: invoice.currency),
                    "correction": .flag(correction),
                    "reduction": .flag(correction && invoice.status == .settled),
                    "corrects_number": .text(invoice.correctsNumber ?? ""),
                ],
                attachments: [
                    .embedded(filename: "\(invoice.number).pdf", contentType: "application/pdf", bytes: pdf),
                    .embedded(filename: "\(invoice.number).xml", contentType: "application/xml", bytes: xml),
                ],
                dedupeKey: "payment-receipt:\(invoice.id)"),
            on: connection)
    }
}
