public import Web

/// A Stripe event envelope (`object: "event"`), decoded from a verified webhook body.
///
/// Every event type decodes: ``object`` keeps `data.object` as generic JSON, and typed accessors such as
/// ``checkoutSession()`` interpret it for the types Code Zero handles. Decode only **after**
/// ``WebhookSignature/verify(payload:header:now:)`` accepted the raw bytes.
public struct StripeEvent: Sendable, Equatable {
    /// `evt_…`; unique per event, the deduplication key.
    public var id: String
    /// The event type, e.g. `checkout.session.completed`.
    public var type: String
    /// Creation time in Unix seconds (1 s resolution: ties happen).
    public var created: Int64
    /// Live or test mode.
    public var livemode: Bool
    /// The API version the payload is shaped by (the webhook endpoint's version), if given.
    public var apiVersion: String?
    /// `data.object`: the object the event is about, as sent.
    public var object: JSON
    /// `data.previous_attributes` of `*.updated` events.
    public var previousAttributes: JSON?

    /// An event from its parts (for tests and the dev trigger).
    public init(
        id: String, type: String, created: Int64, livemode: Bool = false, apiVersion: String? = nil, object: JSON,
        previousAttributes: JSON? = nil
    ) {
        self.id = id
        self.type = type
        self.created = created
        self.livemode = livemode
        self.apiVersion = apiVersion
        self.object = object
        self.previousAttributes = previousAttributes
    }

    /// Decodes an event from parsed JSON.
    public init(json: JSON) throws(StripeError) {
        let reader = try PayloadReader(json, path: "")
        let kind = try reader.string("object")
        guard kind == "event" else { throw .invalidPayload("object is \(kind), not event") }
        id = try reader.string("id")
        guard id.hasPrefix("evt_"), id.utf8.count <= 255, Self.isToken(id, extra: "_") else {
            throw .invalidPayload("id is not an event id")
        }
        type = try reader.string("type")
        guard !type.isEmpty else { throw .invalidPayload("type is empty") }
        guard type.utf8.count <= 255, Self.isToken(type, extra: "._") else {
            throw .invalidPayload("type is not an event type")
        }
        created = try reader.int("created")
        livemode = try reader.bool("livemode")
        apiVersion = try reader.optionalString("api_version")
        if let apiVersion, apiVersion.utf8.count > 64 || !Self.isToken(apiVersion, extra: "-._") {
            throw .invalidPayload("api_version is not an API version")
        }
        guard let data = try reader.optionalObject("data") else { throw .invalidPayload("data is missing") }
        object = try data.value("object")
        guard case .object = object else { throw .invalidPayload("data.object is not an object") }
        previousAttributes = data.object["previous_attributes"]
    }

    /// Whether `text` is only ASCII letters, digits and the bytes of `extra` (ids, types and versions are; a
    /// NUL or a line break in them is refused before they reach storage or a log line).
    private static func isToken(_ text: String, extra: String) -> Bool {
        let allowed = Array(extra.utf8)
        return text.utf8.allSatisfy {
            (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
                || allowed.contains($0)
        }
    }

    /// Decodes an event from the raw (already verified) webhook body.
    public static func decode(_ body: [UInt8]) throws(StripeError) -> StripeEvent {
        let json: JSON
        do { json = try JSON.parse(body) } catch { throw .invalidPayload("event body is not JSON") }
        return try StripeEvent(json: json)
    }

    /// The `data.object.object` name (e.g. `checkout.session`, `charge`), if present.
    public var objectType: String? { object["object"]?.stringValue }

    /// The id of `data.object`, if present.
    public var objectID: String? { object["id"]?.stringValue }

    /// The event's checkout session, for `checkout.session.*` events.
    ///
    /// - Throws: ``StripeError/invalidPayload(_:)`` when `data.object` is not a valid checkout session.
    public func checkoutSession() throws(StripeError) -> CheckoutSession {
        try CheckoutSession(json: object, path: "data.object")
    }

    /// The event's payment intent, for `payment_intent.*` events.
    public func paymentIntent() throws(StripeError) -> PaymentIntent {
        try PaymentIntent(json: object, path: "data.object")
    }

    /// The event's setup intent, for `setup_intent.*` events.
    public func setupIntent() throws(StripeError) -> SetupIntent {
        try SetupIntent(json: object, path: "data.object")
    }

    /// The JSON envelope, shaped like Stripe's (for the dev trigger and tests).
    public var json: JSON {
        var data: JSONObject = ["object": object]
        if let previousAttributes { data["previous_attributes"] = previousAttributes }
        return [
            "id": .string(id), "object": "event", "api_version": JSON(apiVersion), "created": .int(created),
            "data": .object(data), "livemode": .bool(livemode), "pending_webhooks": 1,
            "request": ["id": nil, "idempotency_key": nil], "type": .string(type),
        ]
    }
}
