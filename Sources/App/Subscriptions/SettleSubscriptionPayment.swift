import Foundation
import Logging
import Postgres
import Storage
import Stripe

/// A `payment_intent.succeeded` / `payment_intent.payment_failed` event for a subscription invoice's charge:
/// the attempt is found by the PaymentIntent id (or, for an intent we never saw answer, by its metadata), settled
/// once, and its outcome applied through the state machine. Duplicates and late events change nothing.
struct SettleSubscriptionPayment {
    let shell: ApplySubscriptionEvent

    /// Applies the event's intent; returns a short outcome, or nil when it is not a subscription charge.
    func settle(_ intent: PaymentIntent, succeeded: Bool, now: Int64, connection: PostgresConnection) throws -> String?
    {
        let payments = SubscriptionPaymentStore(connection: connection)
        var payment = try payments.payment(paymentIntentID: intent.id)
        if payment == nil, let invoiceID = intent.metadata["invoice_id"],
            let subscriptionID = intent.metadata["subscription_id"],
            let attempt = intent.metadata["attempt"].flatMap(Int.init),
            UUID(uuidString: invoiceID) != nil, UUID(uuidString: subscriptionID) != nil
        {
            // The charge's answer was lost (a crash after Stripe accepted it): record the attempt from the event.
            guard try SubscriptionStore(connection: connection).exists(id: subscriptionID) else { return nil }
            try payments.record(
                .init(
                    subscriptionID: subscriptionID, invoiceID: invoiceID, attempt: attempt, paymentIntentID: intent.id,
                    status: "PROCESSING", amountCents: Int(intent.amount), currency: intent.currency.uppercased(),
                    failureCode: nil))
            payment = try payments.payment(paymentIntentID: intent.id)
        }
        guard var payment else { return nil }
        guard intent.amount == Int64(payment.amountCents), intent.currency.uppercased() == payment.currency else {
            shell.logger.critical(
                "payment intent amount does not match the invoice charge; ignored",
                metadata: ["stripe.payment_intent": "\(intent.id)", "invoice.id": "\(payment.invoiceID)"])
            return "refused: amount mismatch"
        }
        let changed = try payments.settle(
            paymentIntentID: intent.id, succeeded: succeeded, failureCode: succeeded ? nil : intent.failureCode)
        // Settled before (the charge's own answer, or a duplicate event): the state already reflects it.
        guard changed else { return "ignored: attempt already settled as \(payment.status)" }
        payment.status = succeeded ? "SUCCEEDED" : "FAILED"
        try shell.settle(succeeded ? .succeeded(payment) : .failed(payment), now: now, connection: connection)
        return succeeded ? "invoice paid" : "payment failed (attempt \(payment.attempt))"
    }
}
