import Web

/// Signs and posts a Stripe-style test event to a webhook endpoint, like `stripe trigger`: the dev
/// helper behind the `codezero` trigger subcommand, and a tool for end-to-end tests.
///
/// The body is the event's compact JSON; the headers are those Stripe sends
/// (`Content-Type: application/json; charset=utf-8`, `Stripe-Signature: t=…,v1=…`, one `v1` per secret).
public struct WebhookTrigger: Sendable {
    /// The endpoint, e.g. `https://localhost:8443/api/v1/billing/webhook`.
    public var url: String
    /// The secrets to sign with (one `v1` each).
    public var secrets: [String]
    /// Whether to check the server's TLS certificate (turn off only for a local self-signed one).
    public var verifyTLS: Bool
    /// Seconds the whole delivery may take.
    public var timeout: Double

    /// A trigger for `url`.
    public init(url: String, secrets: [String], verifyTLS: Bool = true, timeout: Double = 10) {
        self.url = url
        self.secrets = secrets
        self.verifyTLS = verifyTLS
        self.timeout = timeout
    }

    /// What the endpoint answered.
    public struct Delivery: Sendable, Equatable {
        /// The HTTP status (Stripe counts only 2xx as delivered).
        public var status: Int
        /// The response body.
        public var body: [UInt8]
        /// The `Stripe-Signature` header that was sent.
        public var signatureHeader: String
    }

    /// Posts `event`, signed at `timestamp` (now by default).
    ///
    /// - Throws: ``StripeError/network(_:)`` or ``StripeError/timeout`` when the endpoint did not answer.
    public func post(
        _ event: StripeEvent, timestamp: Int64 = WebhookSignature.currentTime()
    ) throws(StripeError)
        -> Delivery
    {
        try post(body: event.json.serialized(), timestamp: timestamp)
    }

    /// Posts a raw `body` (for tests of tampered or unusual payloads), signed at `timestamp`.
    public func post(body: [UInt8], timestamp: Int64 = WebhookSignature.currentTime()) throws(StripeError) -> Delivery {
        let header = WebhookSignature.sign(payload: body, secrets: secrets, timestamp: timestamp)
        let response = try CurlTransport().perform(
            method: "POST", url: url,
            headers: [
                "Content-Type: application/json; charset=utf-8", "Stripe-Signature: \(header)",
                "User-Agent: Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            ],
            body: body, connectTimeout: min(3, timeout), timeout: timeout, verifyTLS: verifyTLS)
        return Delivery(status: response.status, body: response.body, signatureHeader: header)
    }

    /// A sample event of `type` about `session`, shaped like Stripe's (ids of the form `evt_test_…`).
    public static func sampleEvent(
        _ type: StripeEventType, session: CheckoutSession, eventID: String, created: Int64
    ) -> StripeEvent {
        StripeEvent(
            id: eventID, type: type.rawValue, created: created, apiVersion: StripeConfiguration.pinnedAPIVersion,
            object: session.json)
    }
}
