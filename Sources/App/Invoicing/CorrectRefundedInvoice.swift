import Domain
import Logging
import Postgres
import Storage
import Web

/// `refund.created` / `refund.updated`: a succeeded refund of a purchase's payment (full or partial, from our
/// finance API or Stripe's dashboard) becomes one Rechnungskorrektur of the purchase's invoice — exactly once per
/// refund id, whatever the order or repetition of the events. Pending or failed refunds wait for their update.
struct CorrectRefundedInvoice {
    let seller: SellerProfile
    let logger: Logger

    /// Applies the refund object of an event; returns the outcome for the event row.
    func apply(refund object: JSON, connection: PostgresConnection) throws -> String {
        guard let refundID = object["id"]?.stringValue, let amount = object["amount"]?.intValue,
            let intent = object["payment_intent"]?.stringValue
        else { return "ignored: refund without id, amount or payment_intent" }
        let status = object["status"]?.stringValue ?? ""
        guard status == "succeeded" else { return "ignored: refund \(status)" }
        guard let purchase = try PurchaseStore(connection: connection).lockForUpdate(paymentIntent: intent),
            let invoice = try InvoiceStore(connection: connection).invoice(purchaseID: purchase.id)
        else {
            logger.warning("refund for a payment without an invoice", metadata: ["stripe.refund_id": "\(refundID)"])
            return "ignored: no invoice for \(intent)"
        }
        do {
            let correction = try IssueCorrection(seller: seller, logger: logger).issue(
                on: invoice, grossCents: amount, refundID: refundID, reason: object["reason"]?.stringValue,
                method: purchase.provider.invoiceMethod, connection: connection)
            return "correction \(correction.number)"
        } catch let rejection as IssueCorrection.Rejection {
            logger.critical(
                "refund cannot be corrected on its invoice",
                metadata: [
                    "stripe.refund_id": "\(refundID)", "invoice.id": "\(invoice.id)", "rejection": "\(rejection)",
                ])
            return "refused: \(rejection)"
        }
    }
}
