/// The payment provider as the App sees it: Stripe Checkout Sessions, real (``StripeAPIClient``) or
/// simulated (``SimulatedGateway``, mock mode).
///
/// Calls block the calling thread (a FastCGI worker handles one request at a time) and finish within the
/// configured deadline.
public protocol PaymentGateway: Sendable {
    /// Creates a Checkout Session. `idempotencyKey` must be derived from our own row (see
    /// ``IdempotencyKey``): retrying with the same key and the same request returns the same session.
    func createCheckoutSession(
        _ request: CheckoutSessionRequest, idempotencyKey: IdempotencyKey
    ) throws(StripeError) -> CheckoutSession

    /// The current state of a session (for the success page and reconciliation).
    func retrieveCheckoutSession(id: String) throws(StripeError) -> CheckoutSession

    /// Expires an open session early (a superseded checkout for the same order).
    func expireCheckoutSession(id: String, idempotencyKey: IdempotencyKey) throws(StripeError) -> CheckoutSession

    /// Creates a Customer (one per company), idempotently.
    func createCustomer(_ request: CustomerRequest, idempotencyKey: IdempotencyKey) throws(StripeError) -> Customer

    /// Creates and confirms an off-session PaymentIntent. A decline is not an error: it returns the intent with
    /// status `requires_payment_method` and its `last_payment_error` (Stripe answers 402 with the intent inside).
    func createPaymentIntent(
        _ request: PaymentIntentRequest, idempotencyKey: IdempotencyKey
    ) throws(StripeError) -> PaymentIntent

    /// The current state of a PaymentIntent.
    func retrievePaymentIntent(id: String) throws(StripeError) -> PaymentIntent

    /// The current state of a SetupIntent (which method a setup-mode Checkout saved).
    func retrieveSetupIntent(id: String) throws(StripeError) -> SetupIntent

    /// Refunds all or part of a payment (`POST /v1/refunds`). `idempotencyKey` derives from our own row, so a
    /// retried call never refunds twice.
    func createRefund(_ request: RefundRequest, idempotencyKey: IdempotencyKey) throws(StripeError) -> Refund
}
