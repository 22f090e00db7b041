internal import Glibc
public import Logging
import Synchronization
import SystemCalls
import Web

/// ``PaymentGateway`` over Stripe's HTTP API (libcurl), with a pinned `Stripe-Version`, idempotency keys,
/// bounded retries and a circuit breaker.
///
/// Every call obeys the configuration's time budget (all attempts and waits within `totalTimeout` ≤ 20 s).
/// Safe calls (GET, and POST with an `Idempotency-Key`, which all our POSTs have) are retried on network
/// errors, timeouts, 409, 429 and 5xx as ``RetryPolicy`` says. A call whose final outcome is an outage
/// counts as a breaker failure; while the breaker is open, calls throw ``StripeError/unavailable`` at once.
/// The secret key goes only into the `Authorization` header, never into a log or an error.
public final class StripeAPIClient: PaymentGateway {
    /// The configuration in use.
    public let configuration: StripeConfiguration
    private let logger: Logger
    private let transport = CurlTransport()
    private let breaker: Mutex<CircuitBreaker>
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    /// A client; the configuration is validated here.
    ///
    /// - Throws: ``StripeError/invalidConfiguration(_:)``.
    public init(configuration: StripeConfiguration, logger: Logger) throws(StripeError) {
        try configuration.validate()
        self.configuration = configuration
        self.logger = logger
        breaker = Mutex(CircuitBreaker(policy: configuration.breaker))
        origin = clock.now
    }

    /// The breaker's current state (for the status page and tests).
    public var breakerState: CircuitBreaker.State { breaker.withLock { $0.state } }

    /// `POST /v1/checkout/sessions`.
    public func createCheckoutSession(
        _ request: CheckoutSessionRequest, idempotencyKey: IdempotencyKey
    ) throws(StripeError) -> CheckoutSession {
        let body = try send("POST", "/v1/checkout/sessions", body: request.formBody, idempotencyKey: idempotencyKey)
        return try CheckoutSession.decode(body)
    }

    /// `GET /v1/checkout/sessions/{id}`.
    public func retrieveCheckoutSession(id: String) throws(StripeError) -> CheckoutSession {
        let body = try send("GET", "/v1/checkout/sessions/\(try Self.checkedID(id))", body: nil, idempotencyKey: nil)
        return try CheckoutSession.decode(body)
    }

    /// `POST /v1/checkout/sessions/{id}/expire`.
    public func expireCheckoutSession(id: String, idempotencyKey: IdempotencyKey) throws(StripeError) -> CheckoutSession
    {
        let path = "/v1/checkout/sessions/\(try Self.checkedID(id))/expire"
        return try CheckoutSession.decode(try send("POST", path, body: "", idempotencyKey: idempotencyKey))
    }

    /// `POST /v1/refunds`.
    public func createRefund(_ request: RefundRequest, idempotencyKey: IdempotencyKey) throws(StripeError) -> Refund {
        try Refund.decode(try send("POST", "/v1/refunds", body: request.formBody, idempotencyKey: idempotencyKey))
    }

    /// `POST /v1/customers`.
    public func createCustomer(
        _ request: CustomerRequest, idempotencyKey: IdempotencyKey
    ) throws(StripeError)
        -> Customer
    {
        try Customer.decode(try send("POST", "/v1/customers", body: request.formBody, idempotencyKey: idempotencyKey))
    }

    /// `POST /v1/payment_intents` with `confirm=true, off_session=true`; a 402 decline carrying the intent
    /// returns that intent.
    public func createPaymentIntent(
        _ request: PaymentIntentRequest, idempotencyKey: IdempotencyKey
    ) throws(StripeError) -> PaymentIntent {
        let body = try send(
            "POST", "/v1/payment_intents", body: request.formBody, idempotencyKey: idempotencyKey, acceptDecline: true)
        let json = try PayloadReader.parse(body)
        if let error = json["error"] {
            guard let intent = error["payment_intent"], !intent.isNull else {
                throw Self.apiError(CurlTransport.Response(status: 402, headers: [], body: body))
            }
            return try PaymentIntent(json: intent, path: "error.payment_intent")
        }
        return try PaymentIntent(json: json)
    }

    /// `GET /v1/payment_intents/{id}`.
    public func retrievePaymentIntent(id: String) throws(StripeError) -> PaymentIntent {
        let path = "/v1/payment_intents/\(try Self.checkedID(id, prefix: "pi_"))"
        return try PaymentIntent.decode(try send("GET", path, body: nil, idempotencyKey: nil))
    }

    /// `GET /v1/setup_intents/{id}`.
    public func retrieveSetupIntent(id: String) throws(StripeError) -> SetupIntent {
        let path = "/v1/setup_intents/\(try Self.checkedID(id, prefix: "seti_"))"
        return try SetupIntent.decode(try send("GET", path, body: nil, idempotencyKey: nil))
    }

    /// Runs one call: breaker check, attempts with backoff inside the deadline, breaker bookkeeping.
    func send(
        _ method: String, _ path: String, body: String?, idempotencyKey: IdempotencyKey?, acceptDecline: Bool = false
    ) throws(StripeError)
        -> [UInt8]
    {
        let start = seconds()
        guard breaker.withLock({ $0.permit(now: start) }) else {
            logger.warning("Stripe call refused: circuit open", metadata: ["stripe.path": "\(path)"])
            throw .unavailable
        }
        let retrySafe = method == "GET" || idempotencyKey != nil
        let deadline = start + configuration.totalTimeout
        var headers = [
            "Authorization: Bearer \(configuration.secretKey)", "Stripe-Version: \(configuration.apiVersion)",
            "Accept: application/json", "User-Agent: codezero/1",
        ]
        if let idempotencyKey { headers.append("Idempotency-Key: \(idempotencyKey.value)") }
        if body != nil { headers.append("Content-Type: application/x-www-form-urlencoded") }
        let bytes = body.map { Array($0.utf8) }
        var retry = 0
        while true {
            let remaining = deadline - seconds()
            let outcome: Result<CurlTransport.Response, StripeError>
            if remaining <= 0.01 {
                outcome = .failure(.timeout)
            } else {
                outcome = Result { () throws(StripeError) in
                    try transport.perform(
                        method: method, url: configuration.apiBase + path, headers: headers, body: bytes,
                        connectTimeout: min(configuration.connectTimeout, remaining),
                        timeout: min(configuration.attemptTimeout, remaining))
                }
            }
            let failure: StripeError
            var retryable: Bool
            switch outcome {
            case .success(let response)
            where (200..<300).contains(response.status) || (acceptDecline && response.status == 402):
                record(.success)
                return response.body
            case .success(let response):
                failure = Self.apiError(response)
                retryable = RetryPolicy.isRetryable(status: response.status, shouldRetry: Self.shouldRetry(response))
                logger.warning(
                    "Stripe answered with an error",
                    metadata: [
                        "stripe.path": "\(path)", "stripe.status": "\(response.status)",
                        "stripe.attempt": "\(retry + 1)",
                        "stripe.request_id": "\(response.header("request-id") ?? "")",
                    ])
            case .failure(let error):
                failure = error
                retryable = remaining > 0.01
                logger.warning(
                    "Stripe call failed",
                    metadata: ["stripe.path": "\(path)", "stripe.attempt": "\(retry + 1)", "stripe.error": "\(error)"])
            }
            retry += 1
            let wait = configuration.retry.backoff(beforeRetry: retry)
            retryable =
                retryable && retrySafe && retry <= configuration.retry.maximumRetries
                && deadline - seconds() >= wait + configuration.retry.minimumAttemptTime
            guard retryable else {
                record(failure.isOutage ? .failure : .success)
                throw failure
            }
            Self.sleep(wait)
        }
    }

    private func record(_ outcome: CircuitBreaker.Outcome) {
        let now = seconds()
        breaker.withLock { $0.record(outcome, now: now) }
    }

    /// Monotonic seconds since the client was created.
    private func seconds() -> Double {
        let elapsed = origin.duration(to: clock.now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    private static func sleep(_ seconds: Double) {
        guard seconds > 0 else { return }
        SystemCall.sleep(.seconds(min(seconds, 20)))
    }

    private static func shouldRetry(_ response: CurlTransport.Response) -> Bool? {
        switch response.header("stripe-should-retry") {
        case "true": true
        case "false": false
        default: nil
        }
    }

    /// A Stripe error object (`{"error": {...}}`) as ``StripeError/api(type:code:message:param:status:)``.
    static func apiError(_ response: CurlTransport.Response) -> StripeError {
        guard let json = try? JSON.parse(response.body), let error = json["error"],
            let type = error["type"]?.stringValue
        else { return .unexpectedResponse(status: response.status) }
        return .api(
            type: type, code: error["code"]?.stringValue, message: error["message"]?.stringValue,
            param: error["param"]?.stringValue, status: response.status)
    }

    /// An object id safe to put in a path: `prefix` followed by letters, digits and underscores.
    static func checkedID(_ id: String, prefix: String) throws(StripeError) -> String {
        guard id.hasPrefix(prefix), id.utf8.count <= 255, id.utf8.allSatisfy({ ASCIIClass.isWordCharacter($0) })
        else { throw .invalidPayload("not a valid \(prefix)… id") }
        return id
    }

    /// A session id safe to put in a path: `cs_` followed by letters, digits and underscores.
    static func checkedID(_ id: String) throws(StripeError) -> String {
        guard id.hasPrefix("cs_"), id.utf8.count <= 255,
            id.utf8.allSatisfy({ ASCIIClass.isWordCharacter($0) })
        else { throw .unknownSession(String(id.prefix(80))) }
        return id
    }
}

/// Byte classes for identifiers.
enum ASCIIClass {
    /// Letters, digits, `_`.
    static func isWordCharacter(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 95
    }
}
