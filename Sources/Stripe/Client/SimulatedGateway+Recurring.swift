import Signing

/// Mock mode's customers, setup intents and off-session payments.
///
/// Like sessions, nothing is remembered: ids are derived from the idempotency key (the same key gives the same
/// id, as Stripe's replay would), and the outcome of a charge is decided by the payment method, after Stripe's
/// test methods:
/// - `pm_card_chargeDeclined` → `requires_payment_method` with `card_declined` (a decline at charge time);
/// - `pm_sepa_debit` (or any id containing `sepa`) → `processing` (SEPA Direct Debit: the outcome comes later as
///   `payment_intent.succeeded` / `payment_intent.payment_failed`);
/// - any other method (e.g. `pm_card_visa`) → `succeeded`.
extension SimulatedGateway {
    /// The payment method a simulated setup saves unless told otherwise.
    public static let defaultPaymentMethod = "pm_card_visa"

    /// A customer whose id is `cus_sim_` + 24 hex digits of SHA-256(idempotency key).
    public func createCustomer(
        _ request: CustomerRequest, idempotencyKey: IdempotencyKey
    ) throws(StripeError)
        -> Customer
    {
        Customer(
            id: "cus_sim_" + Self.digest(idempotencyKey), name: request.name, email: request.email,
            metadata: request.metadata)
    }

    /// A confirmed off-session payment whose outcome follows the payment method (see the type's documentation).
    public func createPaymentIntent(
        _ request: PaymentIntentRequest, idempotencyKey: IdempotencyKey
    ) throws(StripeError) -> PaymentIntent {
        var intent = PaymentIntent(
            id: "pi_sim_" + Self.digest(idempotencyKey), status: .succeeded, amount: request.amount,
            currency: request.currency, customerID: request.customer, paymentMethodID: request.paymentMethod,
            metadata: request.metadata)
        if request.paymentMethod == "pm_card_chargeDeclined" {
            intent.status = .requiresPaymentMethod
            intent.failureCode = "card_declined"
            intent.failureMessage = "Your card was declined."
        } else if request.paymentMethod.contains("sepa") {
            intent.status = .processing
        }
        return intent
    }

    /// Not remembered: a simulated payment intent can only be learnt from its events.
    public func retrievePaymentIntent(id: String) throws(StripeError) -> PaymentIntent {
        throw .invalidPayload("simulated payment intents are not retrievable")
    }

    /// Not remembered: the App completes simulated setups itself.
    public func retrieveSetupIntent(id: String) throws(StripeError) -> SetupIntent {
        throw .invalidPayload("simulated setup intents are not retrievable")
    }

    /// `session` after a completed simulated setup: complete, nothing to pay, with a setup intent id.
    public static func completedSetup(_ session: CheckoutSession) -> CheckoutSession {
        var done = session
        done.status = .complete
        done.paymentStatus = .noPaymentRequired
        done.url = nil
        done.setupIntentID = "seti_sim_" + session.id.dropFirst(idPrefix.count)
        return done
    }

    private static func digest(_ key: IdempotencyKey) -> String {
        String(Hex.encode(SHA256.hash(key.value)).prefix(24))
    }
}
