import Domain
import Logging
import Postgres
import Storage
import Stripe

/// A finance-initiated refund of a paid invoice: the money goes back through the payment gateway with an
/// idempotency key derived from the invoice row and the amount still uncorrected (a repeated request refunds once),
/// and the Rechnungskorrektur is issued when Stripe confirms — at once when the refund succeeded, otherwise by its
/// `refund.updated` event. In mock mode the gateway simulates the refund.
struct RefundInvoice {
    /// The result: the refund at the gateway and, once it succeeded, the correction.
    struct Result {
        /// The gateway's refund.
        let refund: Refund
        /// The correction, when the refund succeeded.
        let correction: InvoiceRecord?
    }

    /// Why nothing was refunded.
    enum Failure: Error {
        /// The amount or the invoice's state does not allow it.
        case rejected(IssueCorrection.Rejection)
        /// The invoice was not paid through a payment the gateway knows.
        case noPayment
        /// The gateway refused or was unreachable.
        case gateway(StripeError)
    }

    let gateway: () throws(StripeError) -> any PaymentGateway
    let seller: SellerProfile
    let logger: Logger

    /// Refunds `grossCents` (nil: everything still uncorrected) of `invoice` for `reason`. `idempotencyKey` replaces
    /// the one derived from the invoice and the amount left, for a caller that knows the refund's own identity
    /// (e.g. one per ended subscription).
    func run(
        _ invoice: InvoiceRecord, grossCents: Int?, reason: String, idempotencyKey: IdempotencyKey? = nil,
        connection: PostgresConnection
    ) throws -> Result {
        let amount: Int
        do {
            amount = try IssueCorrection.check(invoice, grossCents: grossCents, connection: connection)
        } catch let rejection as IssueCorrection.Rejection {
            throw Failure.rejected(rejection)
        }
        let remaining = try IssueCorrection.remaining(of: invoice, connection: connection)
        let simulated = invoice.paymentMethod == "mock"
        var intent = invoice.paymentReference.flatMap { $0.hasPrefix("pi_") ? $0 : nil }
        if intent == nil, let purchaseID = invoice.purchaseID {
            intent = try PurchaseStore(connection: connection).paymentIntent(purchaseID: purchaseID)
        }
        if intent == nil, simulated, let purchaseID = invoice.purchaseID {
            intent = "pi_sim_" + purchaseID.filter { $0 != "-" }
        }
        guard let intent else { throw Failure.noPayment }
        let refund: Refund
        do throws(StripeError) {
            let client: any PaymentGateway = simulated ? SimulatedGateway() : try gateway()
            var key = try IdempotencyKey(rowID: invoice.id, operation: "refund-\(remaining)-\(amount)")
            if let idempotencyKey { key = idempotencyKey }
            refund = try client.createRefund(
                RefundRequest(
                    paymentIntent: intent, amount: Int64(amount), reason: .requestedByCustomer,
                    metadata: ["invoice_id": invoice.id, "invoice_number": invoice.number]),
                idempotencyKey: key)
        } catch {
            throw Failure.gateway(error)
        }
        guard refund.status == "succeeded" else { return Result(refund: refund, correction: nil) }
        let correction = try connection.transaction { connection in
            try IssueCorrection(seller: seller, logger: logger).issue(
                on: invoice, grossCents: Int(refund.amount), refundID: refund.id, reason: reason,
                method: simulated ? "mock" : "stripe", connection: connection)
        }
        return Result(refund: refund, correction: correction)
    }
}
