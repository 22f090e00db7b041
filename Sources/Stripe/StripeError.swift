/// Everything that can go wrong when talking to Stripe or checking what Stripe sent.
///
/// `description` is safe to log: it never contains a secret key, a webhook secret or a signature. The App
/// maps these cases to HTTP statuses in one place (for example ``unavailable`` and ``timeout`` → 503,
/// the webhook cases → 400).
public enum StripeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `Stripe-Signature` header (or an empty one) came with a webhook.
    case missingSignature
    /// The `Stripe-Signature` header has no usable `t=` timestamp.
    case malformedSignatureHeader
    /// The `Stripe-Signature` header carries no `v1` signature.
    case noV1Signature
    /// No `v1` signature matches the body under any configured secret.
    case signatureMismatch
    /// The signature is valid but its timestamp is further than the tolerance from now (`skew` = now − t,
    /// in seconds): a replay or a wrong clock.
    case timestampOutsideTolerance(skew: Int64)
    /// A JSON document from Stripe (event or object) lacks a field or has one of the wrong type.
    case invalidPayload(String)
    /// Stripe answered with an error object (`error.type`, `code`, `message`, `param`, HTTP status).
    case api(type: String, code: String?, message: String?, param: String?, status: Int)
    /// Stripe answered with a status and body that are not a Stripe error object.
    case unexpectedResponse(status: Int)
    /// The request did not reach Stripe or its answer did not arrive (DNS, connect, TLS, reset, ...).
    case network(String)
    /// The call ran out of time (per attempt or the overall deadline).
    case timeout
    /// The circuit breaker is open: Stripe failed repeatedly, so calls fail fast for a while.
    case unavailable
    /// The client configuration is unusable (named key and reason).
    case invalidConfiguration(String)
    /// A simulated (mock-mode) session with this id does not exist.
    case unknownSession(String)

    /// Whether this error means "Stripe is not reachable or failing now" (try again later), as opposed to
    /// a rejected request.
    public var isOutage: Bool {
        switch self {
        case .network, .timeout, .unavailable: true
        case .unexpectedResponse(let status): status >= 500
        case .api(_, _, _, _, let status): status >= 500 || status == 429
        default: false
        }
    }

    /// A one-line explanation without secrets.
    public var description: String {
        switch self {
        case .missingSignature: "Stripe-Signature header missing"
        case .malformedSignatureHeader: "Stripe-Signature header has no valid timestamp"
        case .noV1Signature: "no signatures found with expected scheme v1"
        case .signatureMismatch: "no signatures found matching the expected signature for payload"
        case .timestampOutsideTolerance(let skew): "webhook timestamp outside the tolerance zone (skew \(skew) s)"
        case .invalidPayload(let reason): "invalid Stripe payload: \(reason)"
        case .api(let type, let code, let message, let param, let status):
            "Stripe API error \(status) \(type)" + (code.map { " (\($0))" } ?? "")
                + (param.map { " param \($0)" } ?? "") + (message.map { ": \($0)" } ?? "")
        case .unexpectedResponse(let status): "unexpected Stripe response with status \(status)"
        case .network(let reason): "Stripe unreachable: \(reason)"
        case .timeout: "Stripe call timed out"
        case .unavailable: "Stripe temporarily unavailable (circuit open)"
        case .invalidConfiguration(let reason): "invalid Stripe configuration: \(reason)"
        case .unknownSession(let id): "unknown checkout session \(id)"
        }
    }
}
