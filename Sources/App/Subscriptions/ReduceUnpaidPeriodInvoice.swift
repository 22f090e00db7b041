import Domain
import Logging
import Postgres
import Storage

/// An admin ended a subscription immediately while its period invoice was still unpaid (OPEN, possibly in
/// dunning): nothing can be refunded, so the unused part of the base fee is corrected by a Rechnungskorrektur
/// (`CZ-K`, never "Gutschrift") that REDUCES the amount due — status SETTLED, nothing paid back, keyed
/// `unused:<subscription id>` (unique index, migration 0116), in the cancelling transaction. Collection then charges
/// only what is left (``ChargeInvoice`` uses ``InvoiceStore/openCents(invoiceID:)``); nothing left → the original is
/// SETTLED at once and never charged. A repeated cancellation finds the correction and issues nothing.
struct ReduceUnpaidPeriodInvoice {
    let issuer: IssueInvoice
    let logger: Logger

    /// The reduction key of subscription `subscriptionID`'s unused part.
    static func key(subscriptionID: String) -> String { "unused:\(subscriptionID)" }

    /// The reason written on the correction.
    static func reason(subscriptionID: String) -> String {
        "Subscription \(subscriptionID) ended early: unused part of the period, deducted from the amount due"
    }

    /// Issues the correction of `netCents` (net of the unused base fee; VAT at the original's rate) on the OPEN
    /// invoice `invoiceID` of subscription `subscriptionID`, in the caller's transaction; returns the correction
    /// (the existing one on a repeat), or nil when the invoice is not OPEN or nothing is owed any more.
    @discardableResult
    func reduce(
        invoiceID: String, netCents: Int, subscriptionID: String, connection: PostgresConnection
    ) throws -> InvoiceRecord? {
        precondition(connection.isInTransaction, "ReduceUnpaidPeriodInvoice needs the caller's transaction")
        let store = InvoiceStore(connection: connection)
        try store.lock(invoiceID: invoiceID)
        let key = Self.key(subscriptionID: subscriptionID)
        if let existing = try store.reduction(key: key) { return existing }
        guard let invoice = try store.invoice(id: invoiceID), invoice.kind == .invoice, invoice.status == .open,
            invoice.subscriptionID == subscriptionID, netCents > 0
        else { return nil }
        let open = try store.openCents(invoiceID: invoiceID)
        let rate = VATRate(basisPoints: invoice.vatRateBasisPoints)
        let currency = try Currency(code: invoice.currency)
        // Never more than is still owed (the remainder's net when the unused part's gross would exceed it).
        let gross = min(CorrectionDraft.gross(ofNet: netCents, rate: rate, currency: currency), open)
        guard gross > 0 else { return nil }
        var draft = try CorrectionDraft(
            invoice: invoice,
            part: CorrectionDraft.PartLine(
                itemID: "unused-period",
                description: LocalizedText(
                    de: "Nicht genutzter Teil des Abrechnungszeitraums (Rechnung \(invoice.number))",
                    en: "Unused part of the billing period (invoice \(invoice.number))"))
        ).draft(grossCents: gross, store: store, seller: issuer.seller)
        draft.reason = Self.reason(subscriptionID: subscriptionID)
        draft.reductionKey = key
        let correction = try issuer.issue(draft, connection: connection)
        let settled = try store.settle(invoiceID: invoice.id, reference: correction.number)
        logger.info(
            "unpaid period invoice reduced by the unused part",
            metadata: [
                "subscription.id": "\(subscriptionID)", "invoice.id": "\(invoice.id)",
                "invoice.correction": "\(correction.number)", "invoice.reduced_cents": "\(-correction.grossCents)",
                "invoice.settled": "\(settled)",
            ])
        return correction
    }
}
