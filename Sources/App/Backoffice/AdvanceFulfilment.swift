import Domain
import Foundation
import Logging
import Postgres
import Storage
import Stripe

/// Staff move a paid order's fulfilment on (issue 13 item 4): start, deliver, or cancel — a cancellation
/// refunds the order's invoice in full first (``RefundInvoice``: Stripe refund with an idempotency key, then the
/// correction invoice), so a repeated or concurrent cancel refunds once. The step itself happens in one
/// transaction with the order's fulfilment row locked, recorded in its history and the audit log with actor and
/// request id.
struct AdvanceFulfilment {
    /// What the request came to.
    enum Outcome: Equatable {
        /// Done; the new status.
        case done(FulfilmentStatus)
        /// No paid order with this id.
        case notFound
        /// The event does not follow from the order's status.
        case rejected(FulfilmentTransition.Rejection)
        /// The refund could not be made (nothing was changed); the reason for staff.
        case refundFailed(String)
    }

    let connection: PostgresConnection
    let gateway: () throws(StripeError) -> any PaymentGateway
    let seller: SellerProfile
    let logger: Logger

    func run(
        orderID: String, event: FulfilmentTransition.Event, note: String?, actor: Principal, requestID: String,
        ip: String?
    ) throws -> Outcome {
        let store = OrderFulfilmentStore(connection: connection)
        guard let current = try store.status(orderID: orderID) else { return .notFound }
        if case .failure(let rejection) = FulfilmentTransition.apply(event, to: current) {
            return .rejected(rejection)
        }
        if event == .cancel, let failure = try refund(orderID: orderID, reason: note ?? "cancelled") {
            return .refundFailed(failure)
        }
        return try connection.transaction { transaction in
            let store = OrderFulfilmentStore(connection: transaction)
            guard let locked = try store.lock(orderID: orderID) else { return .notFound }
            let transition: FulfilmentTransition
            switch FulfilmentTransition.apply(event, to: locked.status) {
            case .failure(let rejection): return .rejected(rejection)
            case .success(let next): transition = next
            }
            try store.step(
                orderID: orderID, from: locked.status, to: transition.status, note: note, actor: actor.userID,
                requestID: requestID)
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: actor, action: .admin("order.fulfilment"), target: orderID, ip: ip,
                    details: [
                        "request_id": requestID, "from": locked.status.rawValue, "to": transition.status.rawValue,
                    ]))
            logger.notice(
                "order fulfilment advanced",
                metadata: ["order.id": "\(orderID)", "fulfilment.status": "\(transition.status.rawValue)"])
            return .done(transition.status)
        }
    }

    /// Refunds what is left of the order's invoice; nil when done (or nothing is left), else why not.
    private func refund(orderID: String, reason: String) throws -> String? {
        guard let purchase = try OrderFulfilmentStore(connection: connection).invoicedPurchase(orderID: orderID),
            let invoice = try InvoiceStore(connection: connection).invoice(purchaseID: purchase)
        else { return "The order has no invoice to refund yet." }
        guard try IssueCorrection.remaining(of: invoice, connection: connection) > 0 else { return nil }
        do {
            let result = try RefundInvoice(gateway: gateway, seller: seller, logger: logger).run(
                invoice, grossCents: nil, reason: String(reason.prefix(500)), connection: connection)
            logger.notice(
                "order refunded for cancellation",
                metadata: ["order.id": "\(orderID)", "refund.id": "\(result.refund.id)"])
            return nil
        } catch RefundInvoice.Failure.rejected(let rejection) {
            return "The invoice cannot be refunded: \(rejection)."
        } catch RefundInvoice.Failure.noPayment {
            return "The invoice has no payment to refund."
        } catch RefundInvoice.Failure.gateway(let error) {
            logger.error("order refund failed", metadata: ["order.id": "\(orderID)", "error": "\(error)"])
            return "The payment provider did not refund; try again later."
        }
    }
}
