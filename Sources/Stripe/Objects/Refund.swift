public import Web

/// The fields of a Stripe Refund (`object: "refund"`) that Code Zero uses.
public struct Refund: Sendable, Equatable {
    /// `re_…`.
    public var id: String
    /// `status`: `pending`, `requires_action`, `succeeded`, `failed` or `canceled`.
    public var status: String
    /// `amount` in minor units.
    public var amount: Int64
    /// `currency`, lowercase ISO code.
    public var currency: String
    /// `payment_intent`, if the refund is of one.
    public var paymentIntentID: String?
    /// `reason`, if given.
    public var reason: String?
    /// `metadata` as sent.
    public var metadata: [String: String]

    /// A refund from its parts (used by ``SimulatedGateway`` and tests).
    public init(
        id: String, status: String, amount: Int64, currency: String, paymentIntentID: String?, reason: String? = nil,
        metadata: [String: String] = [:]
    ) {
        self.id = id
        self.status = status
        self.amount = amount
        self.currency = currency
        self.paymentIntentID = paymentIntentID
        self.reason = reason
        self.metadata = metadata
    }

    /// Decodes a refund object; `path` names it in errors.
    public init(json: JSON, path: String = "refund") throws(StripeError) {
        let reader = try PayloadReader(json, path: path)
        let object = try reader.string("object")
        guard object == "refund" else { throw .invalidPayload("\(path).object is \(object), not refund") }
        id = try reader.string("id")
        guard id.hasPrefix("re_") || id.hasPrefix("pyr_") else {
            throw .invalidPayload("\(path).id is not a refund id")
        }
        status = try reader.string("status")
        amount = try reader.int("amount")
        currency = try reader.string("currency")
        paymentIntentID = try reader.expandableID("payment_intent")
        reason = try reader.optionalString("reason")
        metadata = try reader.stringMap("metadata")
    }

    /// Decodes a refund from a JSON body (an API response).
    public static func decode(_ body: [UInt8]) throws(StripeError) -> Refund {
        try Refund(json: try PayloadReader.parse(body))
    }
}
