import Signing

/// ``PaymentGateway`` for mock mode (no `STRIPE_SECRET_KEY`): answers at once, talks to nobody and
/// stores nothing.
///
/// Behaviour:
/// - **create** returns an open, unpaid session whose id is `cs_test_sim_` + 24 hex digits of
///   SHA-256(idempotency key): the same key gives the same id, as Stripe's replay would. Amounts are the
///   sum of `unit_amount × quantity`, currency that of the first line; `client_reference_id`, metadata and
///   `customer_email` are echoed; `url` is the request's `success_url` with `{CHECKOUT_SESSION_ID}`
///   replaced by the id (so "paying" means following the link to our own success page); `expires_at` is
///   the requested one or 24 h after `now`.
/// - **retrieve** knows nothing about earlier calls (the pool has many processes): for a well-formed
///   simulated id it returns an open, unpaid session with that id and the current time's expiry; the App
///   keeps the real state in its own rows and completes simulated payments itself
///   (`POST /api/v1/billing/checkout/complete`), e.g. with ``completed(_:paymentIntentID:)`` and
///   ``completionEvent(for:eventID:created:)`` to drive the same fulfilment path as a webhook.
/// - **expire** returns that session as expired.
/// Ids not made by this gateway throw ``StripeError/unknownSession(_:)``.
public struct SimulatedGateway: PaymentGateway {
    /// The prefix of every simulated session id.
    public static let idPrefix = "cs_test_sim_"

    private let now: @Sendable () -> Int64

    /// A simulated gateway; `now` gives Unix seconds (injectable for tests).
    public init(now: @escaping @Sendable () -> Int64 = { WebhookSignature.currentTime() }) {
        self.now = now
    }

    /// An open session for `request`, with an id derived from `idempotencyKey`.
    public func createCheckoutSession(
        _ request: CheckoutSessionRequest, idempotencyKey: IdempotencyKey
    ) throws(StripeError) -> CheckoutSession {
        let id = Self.idPrefix + String(Hex.encode(SHA256.hash(idempotencyKey.value)).prefix(24))
        let total = request.lineItems.reduce(Int64(0)) { $0 + $1.unitAmount * Int64($1.quantity) }
        let created = now()
        return CheckoutSession(
            id: id, status: .open, paymentStatus: .unpaid, mode: request.mode,
            clientReferenceID: request.clientReferenceID, amountTotal: total, amountSubtotal: total,
            currency: request.lineItems.first?.currency, customerEmail: request.customerEmail,
            metadata: request.metadata, url: request.successURL.replacing("{CHECKOUT_SESSION_ID}", with: id),
            expiresAt: request.expiresAt ?? created + 86_400, created: created)
    }

    /// An open, unpaid session with `id` (see the type's documentation: nothing is remembered).
    public func retrieveCheckoutSession(id: String) throws(StripeError) -> CheckoutSession {
        try Self.checkSimulated(id)
        return CheckoutSession(id: id, status: .open, paymentStatus: .unpaid, expiresAt: now() + 86_400)
    }

    /// An expired, unpaid session with `id`.
    public func expireCheckoutSession(id: String, idempotencyKey: IdempotencyKey) throws(StripeError) -> CheckoutSession
    {
        try Self.checkSimulated(id)
        return CheckoutSession(id: id, status: .expired, paymentStatus: .unpaid, expiresAt: now())
    }

    /// `session` after a successful simulated payment: complete, paid, with a simulated payment intent.
    public static func completed(_ session: CheckoutSession, paymentIntentID: String? = nil) -> CheckoutSession {
        var paid = session
        paid.status = .complete
        paid.paymentStatus = .paid
        paid.url = nil
        paid.paymentIntentID = paymentIntentID ?? "pi_sim_" + session.id.dropFirst(idPrefix.count)
        return paid
    }

    /// A `checkout.session.completed` event for `session`, shaped like Stripe's.
    public static func completionEvent(for session: CheckoutSession, eventID: String, created: Int64) -> StripeEvent {
        StripeEvent(
            id: eventID, type: StripeEventType.checkoutSessionCompleted.rawValue, created: created,
            apiVersion: StripeConfiguration.pinnedAPIVersion, object: session.json)
    }

    /// Whether `id` is a simulated session id.
    public static func isSimulated(_ id: String) -> Bool {
        id.hasPrefix(idPrefix) && id.utf8.count == idPrefix.utf8.count + 24
            && id.utf8.dropFirst(idPrefix.utf8.count).allSatisfy(ASCIIClass.isWordCharacter)
    }

    private static func checkSimulated(_ id: String) throws(StripeError) {
        guard isSimulated(id) else { throw .unknownSession(String(id.prefix(80))) }
    }
}
