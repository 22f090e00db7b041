import Foundation
public import Web

/// A local stand-in for Stripe's Checkout Sessions API that speaks the real wire format, for tests of
/// the client and of the App's checkout flow.
///
/// It listens on `127.0.0.1` on a random port (``baseURL``) and implements `POST /v1/checkout/sessions`,
/// `GET /v1/checkout/sessions/{id}` and `POST /v1/checkout/sessions/{id}/expire` like Stripe:
/// - `Authorization: Bearer <secretKey>` is required (401 otherwise), and `Stripe-Version` must be the
///   pinned version (400 otherwise; stricter than Stripe, which falls back to the account default);
/// - every form key is checked against `checkout_session_param_paths.json`: an unknown one gets 400
///   `invalid_request_error`/`parameter_unknown` with `param`, a non-integer where an integer belongs
///   `parameter_invalid_integer`, a bad boolean or enum value a plain 400;
/// - `Idempotency-Key`: the same key with the same method, path and body replays the first response
///   (with `Idempotent-Replayed: true`); with a different body it is a 400 `idempotency_error`;
/// - responses are Session objects shaped like `fixtures/checkout.session.json`, errors like
///   `golden/api_error.invalid_request.json`, each with a `Request-Id` header.
///
/// It also implements `POST /v1/customers`, `POST /v1/payment_intents` (confirmed off-session charges),
/// `GET /v1/payment_intents/{id}` and `GET /v1/setup_intents/{id}`, each checked against
/// `more_param_paths.json` the same way (see ``StripeStandIn+Recurring``).
///
/// Tests inject faults for the next requests (``failNext(_:with:)``), read what arrived (``requests``)
/// and move sessions on (``markPaid(_:)``, ``markUnpaid(_:)``, ``markExpired(_:)``).
public final class StripeStandIn: @unchecked Sendable {
    /// The secret key it accepts.
    public let secretKey: String
    /// The `Stripe-Version` it requires.
    public let apiVersion: String
    /// The parameter list it enforces.
    public let parameters: StripeStandInParameters

    let lock = NSLock()
    var recorded: [StripeStandInRequest] = []
    var faults: [StripeStandInFault] = []
    var sessions: [String: JSONObject] = [:]
    var replays: [String: (fingerprint: String, status: Int, body: [UInt8])] = [:]
    var counter = 0
    /// Customers, payment intents and setup intents by id (``StripeStandIn+Recurring``).
    var objects: [String: JSONObject] = [:]
    /// The parameter lists of the other calls (`more_param_paths.json`), by `"METHOD /path"`.
    let callParameters: [String: StripeStandInParameters]
    let template: JSONObject
    private var http: StripeStandInHTTP!

    /// Starts a stand-in. Fails (throws) when the fixtures cannot be read or no port can be bound.
    public init(secretKey: String = "sk_test_standin_0123456789", apiVersion: String = "2026-10-28.endive") throws {
        self.secretKey = secretKey
        self.apiVersion = apiVersion
        parameters = try StripeStandInParameters.bundled()
        callParameters = try StripeStandInParameters.bundledCalls()
        let fixture = try Data(
            contentsOf: URL(fileURLWithPath: StripeStandInParameters.fixturePath("checkout.session.json")))
        guard let object = try JSON.parse([UInt8](fixture)).objectValue else {
            throw TestSupportError("checkout.session.json is not an object")
        }
        template = object
        // Weak: a connection thread may outlive the stand-in (a hang fault still sleeping when the test ends).
        http = try StripeStandInHTTP { [weak self] request in self?.handle(request) ?? .close }
    }

    deinit { http?.stop() }

    /// `http://127.0.0.1:PORT`, for `STRIPE_API_BASE`.
    public var baseURL: String { "http://127.0.0.1:\(http.port)" }

    /// The port it listens on.
    public var port: Int { http.port }

    /// Stops listening.
    public func stop() { http.stop() }

    /// Every request received so far, in order of arrival (faulted ones included).
    public var requests: [StripeStandInRequest] { lock.withLock { recorded } }

    /// Makes the next `count` requests fail with `fault`.
    public func failNext(_ count: Int, with fault: StripeStandInFault) {
        lock.withLock { faults.append(contentsOf: Array(repeating: fault, count: count)) }
    }

    /// Drops faults that have not fired yet.
    public func clearFaults() {
        lock.withLock { faults.removeAll() }
    }

    /// The session object with `id` as the API would return it now.
    public func session(_ id: String) -> JSON? { lock.withLock { sessions[id].map(JSON.object) } }

    /// Marks a session as completed and paid (as after a card payment).
    public func markPaid(_ id: String) {
        update(id) { session in
            session["status"] = "complete"
            session["payment_status"] = "paid"
            session["url"] = .null
            session["payment_intent"] = .string("pi_standin_" + id.suffix(12))
        }
    }

    /// Marks a session as completed but unpaid (a delayed payment method in flight).
    public func markUnpaid(_ id: String) {
        update(id) { session in
            session["status"] = "complete"
            session["payment_status"] = "unpaid"
            session["url"] = .null
        }
    }

    /// Marks a session as expired.
    public func markExpired(_ id: String) {
        update(id) { session in
            session["status"] = "expired"
            session["url"] = .null
        }
    }

    private func update(_ id: String, _ change: (inout JSONObject) -> Void) {
        lock.withLock {
            guard var session = sessions[id] else { return }
            change(&session)
            sessions[id] = session
        }
    }
}
