/// # Stripe
///
/// Stripe's webhook signature scheme, event decoding and the Checkout API client (form encoding,
/// pinned `Stripe-Version`, idempotency keys, timeouts, retries, circuit breaker).
/// May import: Signing, Web, CCurl, Logging.
enum StripeModule {}
