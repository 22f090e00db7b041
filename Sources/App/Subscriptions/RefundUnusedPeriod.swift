import Domain
import Foundation
import Jobs
import Logging
import Postgres
import Storage
import Stripe
import Web

/// An admin ended a subscription immediately: the unused part of the paid period's base fee goes back to the
/// customer through ``RefundInvoice`` — a Stripe refund of the period invoice's PaymentIntent (simulated in mock
/// mode) and, once it succeeded, a Rechnungskorrektur (`CZ-K`, ``IssueCorrection``) for exactly that amount. The
/// job (`subscription.refund_unused`, enqueued in the cancelling transaction, once per subscription by its dedupe
/// key) runs on its own connection; the refund's idempotency key is the subscription's
/// (`subscription_<id>-refund-unused-v1`), so a rerun after a crash is Stripe's replay and finds the correction
/// issued for that refund — never a second refund or correction.
enum RefundUnusedPeriod {
    /// The job kind.
    static let kind = "subscription.refund_unused"

    /// Queues the refund of `grossCents` on `invoiceID` for subscription `subscriptionID` (in the caller's
    /// transaction; once per subscription).
    static func enqueue(
        subscriptionID: String, invoiceID: String, grossCents: Int, on connection: PostgresConnection
    ) throws {
        let payload = JSON.object([
            "subscription_id": .string(subscriptionID), "invoice_id": .string(invoiceID),
            "gross_cents": JSON(grossCents),
        ])
        _ = try JobQueue().enqueue(
            NewJob(
                kind: kind, payload: payload.description, maxAttempts: 8,
                dedupeKey: "\(kind):\(subscriptionID)"), on: connection)
    }

    /// The reason written on the correction.
    static func reason(subscriptionID: String) -> String {
        "Subscription \(subscriptionID) ended early: unused part of the period"
    }

    static func register(
        on runner: JobRunner, configuration: Configuration,
        gateway: @escaping () throws(StripeError) -> any PaymentGateway, logger: Logger
    ) {
        let own = BillingConnection()
        runner.register(kind) { job, transaction in
            let payload = try? JSON.parse(Array(job.payload.utf8))
            guard let subscriptionID = payload?["subscription_id"]?.stringValue,
                let invoiceID = payload?["invoice_id"]?.stringValue,
                let gross = payload?["gross_cents"]?.intValue, gross > 0,
                UUID(uuidString: subscriptionID) != nil, UUID(uuidString: invoiceID) != nil
            else {
                logger.error("subscription.refund_unused: malformed payload; nothing refunded")
                return
            }
            let connection = own.connection(like: transaction)
            try refund(
                subscriptionID: subscriptionID, invoiceID: invoiceID, grossCents: gross,
                refunder: RefundInvoice(gateway: gateway, seller: configuration.seller, logger: logger),
                connection: connection, logger: logger)
        }
    }

    /// Refunds and corrects once; throws when Stripe is unreachable (the job is retried with the same key).
    static func refund(
        subscriptionID: String, invoiceID: String, grossCents: Int, refunder: RefundInvoice,
        connection: PostgresConnection, logger: Logger
    ) throws {
        let invoices = InvoiceStore(connection: connection)
        guard let invoice = try invoices.invoice(id: invoiceID), invoice.subscriptionID == subscriptionID else {
            return
        }
        let reason = reason(subscriptionID: subscriptionID)
        // Corrected before (a rerun after the correction committed): done.
        if try invoices.corrections(of: invoiceID).contains(where: { $0.reason == reason }) { return }
        do {
            let result = try refunder.run(
                invoice, grossCents: grossCents, reason: reason,
                idempotencyKey: try IdempotencyKey(rowID: "subscription_\(subscriptionID)", operation: "refund-unused"),
                connection: connection)
            logger.info(
                "unused part of an ended subscription refunded",
                metadata: [
                    "subscription.id": "\(subscriptionID)", "invoice.id": "\(invoiceID)",
                    "refund.id": "\(result.refund.id)", "invoice.correction": "\(result.correction?.number ?? "-")",
                ])
        } catch RefundInvoice.Failure.gateway(let error) {
            throw error
        } catch let failure as RefundInvoice.Failure {
            // Not refundable (not paid through a known payment, or already refunded by finance): nothing to do.
            logger.warning(
                "unused part of an ended subscription not refunded",
                metadata: ["subscription.id": "\(subscriptionID)", "reason": "\(failure)"])
        }
    }
}
