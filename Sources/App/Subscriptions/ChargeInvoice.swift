import Logging
import Postgres
import Storage
import Stripe

/// Charges one OPEN subscription invoice off-session: one PaymentIntent per attempt with the idempotency key
/// `invoice-<id>-pi-v<attempt>` (so a repeated attempt after a crash is Stripe's replay, never a second charge),
/// the company's Customer and the subscription's saved payment method; the attempt is recorded in
/// `subscription_payments`.
struct ChargeInvoice {
    /// How an attempt ended (so far).
    enum Outcome {
        /// The money arrived.
        case succeeded(SubscriptionPaymentStore.Payment)
        /// Declined (or no usable payment method).
        case failed(SubscriptionPaymentStore.Payment)
        /// A debit is in flight; its outcome arrives as a `payment_intent.*` event.
        case processing(SubscriptionPaymentStore.Payment)
    }

    let gateway: () throws(StripeError) -> any PaymentGateway
    let logger: Logger

    /// The smallest amount Stripe charges in euros (0.50 €, Stripe's "minimum charge amount" for EUR).
    static let smallestChargeCents = 50

    /// Charges attempt `attempt` of `invoiceID` for its open amount (gross minus the corrections that reduced it);
    /// nil when the invoice is not OPEN (paid meanwhile), unknown, nothing is left to pay, or less than
    /// ``smallestChargeCents`` (left OPEN).
    /// Throws when Stripe is unreachable (the caller's transaction rolls back and the attempt is made again later).
    func charge(
        invoiceID: String, subscriptionID: String, attempt: Int, connection: PostgresConnection
    ) throws -> Outcome? {
        let store = InvoiceStore(connection: connection)
        guard let invoice = try store.invoice(id: invoiceID), invoice.status == .open else { return nil }
        // Only what is still owed: corrections that reduced the amount due (an admin's immediate cancellation) are
        // never charged; nothing left → settled without a PaymentIntent.
        let open = try store.openCents(invoiceID: invoiceID)
        guard open > 0 else {
            try store.settle(invoiceID: invoiceID, reference: invoice.number)
            return nil
        }
        // Less than Stripe's smallest charge is refused (`amount_too_small`), so it is not sent: no PaymentIntent, no
        // attempt, no dunning over cents. The invoice stays OPEN, with its open amount, for finance (a transfer, or a
        // correction that writes it off).
        guard open >= Self.smallestChargeCents else {
            logger.notice(
                "subscription invoice left open: less than the smallest charge",
                metadata: ["invoice.id": "\(invoiceID)", "invoice.open_cents": "\(open)"])
            return nil
        }
        let (method, customer) = try SubscriptionStore(connection: connection).chargeTarget(
            subscriptionID: subscriptionID)
        var payment = SubscriptionPaymentStore.Payment(
            subscriptionID: subscriptionID, invoiceID: invoiceID, attempt: attempt, paymentIntentID: nil,
            status: "FAILED", amountCents: open, currency: invoice.currency, failureCode: nil)
        let payments = SubscriptionPaymentStore(connection: connection)
        guard let method, let customer else {
            payment.failureCode = "no_payment_method"
            try payments.record(payment)
            return .failed(payment)
        }
        let intent: PaymentIntent
        do throws(StripeError) {
            intent = try gateway().createPaymentIntent(
                PaymentIntentRequest(
                    amount: Int64(open), currency: invoice.currency.lowercased(), customer: customer,
                    paymentMethod: method, description: invoice.number,
                    metadata: [
                        "invoice_id": invoiceID, "subscription_id": subscriptionID, "attempt": "\(attempt)",
                        "invoice_number": invoice.number,
                    ]),
                idempotencyKey: try IdempotencyKey("invoice-\(invoiceID)-pi-v\(attempt)"))
        } catch  where error.isOutage || error == .timeout {
            throw error
        } catch {
            logger.error(
                "stripe refused a subscription charge",
                metadata: ["invoice.id": "\(invoiceID)", "stripe.error": "\(error)"])
            payment.failureCode = "stripe_refused"
            try payments.record(payment)
            return .failed(payment)
        }
        payment.paymentIntentID = intent.id
        payment.failureCode = intent.failureCode
        let outcome: Outcome
        switch intent.status {
        case .succeeded:
            payment.status = "SUCCEEDED"
            outcome = .succeeded(payment)
        case .processing, .requiresCapture:
            payment.status = "PROCESSING"
            outcome = .processing(payment)
        case .requiresPaymentMethod, .requiresAction, .requiresConfirmation, .canceled:
            payment.status = "FAILED"
            payment.failureCode = payment.failureCode ?? intent.status.rawValue
            outcome = .failed(payment)
        }
        try payments.record(payment)
        logger.info(
            "subscription invoice charged",
            metadata: [
                "invoice.id": "\(invoiceID)", "payment.attempt": "\(attempt)", "stripe.payment_intent": "\(intent.id)",
                "payment.status": "\(payment.status)",
            ])
        return outcome
    }
}
