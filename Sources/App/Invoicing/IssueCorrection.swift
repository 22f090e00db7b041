import Domain
import Foundation
import Logging
import Postgres
import Storage

/// Issues a Rechnungskorrektur (never "Gutschrift") for money paid back on an invoice: its own number in the
/// `CZ-K` series, referring to the original, with negative amounts; at most once per refund (unique `refund_id`),
/// never for more than what is still uncorrected. A full refund mirrors the original lines; a partial one is one
/// line whose net and VAT add up to the refunded gross by the one rounding rule.
struct IssueCorrection {
    /// Why a refund cannot be corrected.
    enum Rejection: Error, Equatable {
        /// The document is itself a correction.
        case notAnInvoice
        /// The invoice is not paid (nothing to refund).
        case notPaid
        /// The amount is zero, negative, or more than is still uncorrected (`remaining` cents).
        case amountOutOfRange(remaining: Int)
    }

    let seller: SellerProfile
    let logger: Logger

    /// What is still refundable on `invoice`: its gross minus what its corrections already took back.
    static func remaining(of invoice: InvoiceRecord, connection: PostgresConnection) throws -> Int {
        let corrected = try InvoiceStore(connection: connection).corrections(of: invoice.id).reduce(0) {
            $0 + $1.grossCents
        }
        return invoice.grossCents + corrected
    }

    /// Checks that `grossCents` (nil: everything still uncorrected) can be refunded on `invoice`; returns the amount.
    static func check(_ invoice: InvoiceRecord, grossCents: Int?, connection: PostgresConnection) throws -> Int {
        guard invoice.kind == .invoice else { throw Rejection.notAnInvoice }
        guard invoice.status == .paid else { throw Rejection.notPaid }
        let remaining = try remaining(of: invoice, connection: connection)
        let amount = grossCents ?? remaining
        guard amount >= 1, amount <= remaining else { throw Rejection.amountOutOfRange(remaining: remaining) }
        return amount
    }

    /// Issues the correction of `grossCents` refunded on `invoice` by refund `refundID`, in the caller's
    /// transaction; returns the existing correction when this refund was corrected before.
    func issue(
        on invoice: InvoiceRecord, grossCents: Int, refundID: String, reason: String?, method: String,
        connection: PostgresConnection
    ) throws -> InvoiceRecord {
        let store = InvoiceStore(connection: connection)
        try store.lock(invoiceID: invoice.id)
        if let existing = try store.corrections(of: invoice.id).first(where: { $0.refundID == refundID }) {
            return existing
        }
        let amount = try Self.check(invoice, grossCents: grossCents, connection: connection)
        var draft = try CorrectionDraft(
            invoice: invoice,
            part: CorrectionDraft.PartLine(
                itemID: "refund",
                description: LocalizedText(
                    de: "Teilerstattung zu Rechnung \(invoice.number)",
                    en: "Partial refund for invoice \(invoice.number)"))
        ).draft(grossCents: amount, store: store, seller: seller)
        draft.refundID = refundID
        draft.reason = reason.map { String($0.prefix(500)) }
        draft.payment = InvoiceDraft.Payment(cents: amount, method: method, reference: refundID)
        if draft.netCents + draft.vatCents != -amount {
            // At 19 % some gross amounts are no net + rounded VAT (e.g. 3 ct): the nearest one is documented and
            // the exact refund stays in paid_cents; an operator sees the warning.
            logger.warning(
                "refunded gross is not reachable by net + rounded VAT; the correction shows the nearest amount",
                metadata: ["invoice.id": "\(invoice.id)", "refund.amount_cents": "\(amount)"])
        }
        return try IssueInvoice(seller: seller, logger: logger).issue(draft, connection: connection)
    }
}
