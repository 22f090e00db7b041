import Domain
import Jobs
import Logging
import Postgres
import Storage
import Stripe

/// The automatic refund of a second payment for an order that was paid before (recorded as a
/// `payment.duplicate` incident): the whole payment goes back through the payment gateway with reason
/// `duplicate` and an idempotency key derived from the purchase row, then the purchase becomes REFUNDED and the
/// incident notes the refund. Runs as a job inside its completing transaction; a Stripe failure throws, so the job
/// retries (the same key cannot refund twice) and finally becomes a `job.dead` incident.
struct RefundDuplicatePayment {
    let gateway: () throws(StripeError) -> any PaymentGateway
    /// The configured seller (FulfilPurchase's signature; a refund issues no invoice).
    let seller: SellerProfile
    let logger: Logger

    /// Refunds purchase `purchaseID` unless it is no longer PAID (refunded before). Returns the refund id.
    @discardableResult
    func run(purchaseID: String, connection: PostgresConnection) throws -> String? {
        let purchases = PurchaseStore(connection: connection)
        guard let purchase = try purchases.lockForUpdate(id: purchaseID, sessionID: nil) else {
            throw JobsError.permanentFailure("purchase \(purchaseID) does not exist")
        }
        guard purchase.status == .paid else { return nil }
        let simulated = purchase.provider == .mock || purchase.sessionID.map(SimulatedGateway.isSimulated) == true
        let client: any PaymentGateway = simulated ? SimulatedGateway() : try gateway()
        var intent = try purchases.paymentIntent(purchaseID: purchase.id)
        if intent == nil, !simulated, let session = purchase.sessionID {
            intent = try client.retrieveCheckoutSession(id: session).paymentIntentID
        }
        if simulated, intent == nil {
            intent = "pi_sim_" + purchase.id.filter { $0 != "-" }
        }
        guard let intent else {
            throw JobsError.permanentFailure("purchase \(purchaseID) has no PaymentIntent to refund")
        }
        let refund = try client.createRefund(
            RefundRequest(
                paymentIntent: intent, amount: Int64(purchase.amountCents), reason: .duplicate,
                metadata: ["purchase_id": purchase.id, "order_id": purchase.orderID ?? ""]),
            idempotencyKey: try IdempotencyKey(rowID: purchase.id, operation: "duplicate-refund"))
        _ = try FulfilPurchase.apply(
            .refunded, toLocked: purchase, seller: seller, connection: connection, logger: logger)
        try IncidentStore(connection: connection).annotate(
            dedupeKey: FulfilPurchase.duplicateKey(purchase.id),
            note: "Refunded automatically: \(refund.id) (\(refund.amount) \(refund.currency), \(refund.status)).")
        try AuditLog(connection: connection).append(
            AuditEntry(
                actor: nil, companyID: purchase.companyID, action: AuditAction("payment.duplicate_refund"),
                target: purchase.id, ip: nil, outcome: .success,
                details: ["refund_id": refund.id, "order_id": purchase.orderID ?? ""]))
        logger.notice(
            "duplicate payment refunded",
            metadata: ["purchase.id": "\(purchase.id)", "stripe.refund_id": "\(refund.id)"])
        return refund.id
    }
}
