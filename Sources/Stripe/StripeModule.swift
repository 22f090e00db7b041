/// # Stripe
///
/// Everything Code Zero knows about Stripe; the App talks to it through these types only.
/// May import: Signing (HMAC, constant-time compare, SHA-256, hex), Web (JSON, FormData,
/// percent-encoding), CCurl (libcurl, only in `CurlTransport`), Logging.
///
/// - Webhooks: ``WebhookSignature`` verifies `Stripe-Signature` over the raw body (every `v1`, several
///   secrets for rotation, 300 s tolerance both ways, injectable `now`) and signs for tests;
///   ``WebhookTrigger`` signs and posts a test event like `stripe trigger` (the dev command).
/// - Objects: ``StripeEvent`` (any type; typed ``StripeEventType``) and ``CheckoutSession`` decoded from
///   untrusted JSON: a missing or ill-typed field is ``StripeError/invalidPayload(_:)``, never a crash.
/// - Requests: ``CheckoutSessionRequest`` renders real parameter names of the pinned API version through
///   ``FormEncoder`` (Stripe's bracket encoding, byte-identical to stripe-python's wire form).
/// - Gateway: ``PaymentGateway`` with ``StripeAPIClient`` (libcurl; pinned `Stripe-Version`,
///   ``IdempotencyKey`` derived from our row ids, 3 s connect, per-attempt timeouts, all retries within
///   20 s, ``RetryPolicy``, ``CircuitBreaker`` → ``StripeError/unavailable``) and ``SimulatedGateway``
///   for mock mode (the App picks one from its validated configuration: no key → simulated).
/// - Errors: one ``StripeError``; its descriptions never contain keys, secrets or signatures.
///
/// Tests use `TestSupport.StripeStandIn`, a loopback server with Stripe's wire format.
enum StripeModule {}
