public import Web

/// The fields of a Stripe PaymentIntent (`object: "payment_intent"`) that Code Zero uses.
public struct PaymentIntent: Sendable, Equatable {
    /// `status`.
    public enum Status: String, Sendable, Equatable, CaseIterable {
        /// Declined (or never given a method): the attempt failed.
        case requiresPaymentMethod = "requires_payment_method"
        /// Created but not confirmed.
        case requiresConfirmation = "requires_confirmation"
        /// The customer must act (3-D Secure): for an off-session charge this is a failure.
        case requiresAction = "requires_action"
        /// A delayed method (SEPA Direct Debit) is in flight; the outcome comes as an event.
        case processing
        /// Authorised, not captured.
        case requiresCapture = "requires_capture"
        /// Canceled.
        case canceled
        /// The money arrived.
        case succeeded
    }

    /// `pi_…`.
    public var id: String
    /// `status`.
    public var status: Status
    /// `amount` in minor units.
    public var amount: Int64
    /// `currency`, lowercase ISO code.
    public var currency: String
    /// `customer` id, if any.
    public var customerID: String?
    /// `payment_method` id, if any.
    public var paymentMethodID: String?
    /// `metadata` as sent.
    public var metadata: [String: String]
    /// `last_payment_error.code` (e.g. `card_declined`), if the last attempt failed.
    public var failureCode: String?
    /// `last_payment_error.message`, if the last attempt failed.
    public var failureMessage: String?
    /// Live or test mode.
    public var livemode: Bool

    /// A payment intent from its parts (used by ``SimulatedGateway`` and tests).
    public init(
        id: String, status: Status, amount: Int64, currency: String, customerID: String? = nil,
        paymentMethodID: String? = nil, metadata: [String: String] = [:], failureCode: String? = nil,
        failureMessage: String? = nil, livemode: Bool = false
    ) {
        self.id = id
        self.status = status
        self.amount = amount
        self.currency = currency
        self.customerID = customerID
        self.paymentMethodID = paymentMethodID
        self.metadata = metadata
        self.failureCode = failureCode
        self.failureMessage = failureMessage
        self.livemode = livemode
    }

    /// Decodes a payment intent object; `path` names it in errors (e.g. `data.object`).
    public init(json: JSON, path: String = "payment_intent") throws(StripeError) {
        let reader = try PayloadReader(json, path: path)
        let object = try reader.string("object")
        guard object == "payment_intent" else {
            throw .invalidPayload("\(path).object is \(object), not payment_intent")
        }
        id = try reader.string("id")
        guard id.hasPrefix("pi_") else { throw .invalidPayload("\(path).id is not a payment intent id") }
        status = try reader.enumeration("status", as: Status.self)
        amount = try reader.int("amount")
        currency = try reader.string("currency")
        customerID = try reader.expandableID("customer")
        paymentMethodID = try reader.expandableID("payment_method")
        metadata = try reader.stringMap("metadata")
        let error = try reader.optionalObject("last_payment_error")
        failureCode = try error?.optionalString("code")
        failureMessage = try error?.optionalString("message")
        livemode = try reader.bool("livemode")
    }

    /// Decodes a payment intent from a JSON body (an API response).
    public static func decode(_ body: [UInt8]) throws(StripeError) -> PaymentIntent {
        try PaymentIntent(json: try PayloadReader.parse(body))
    }

    /// The payment intent as Stripe-shaped JSON (the fields this type holds), for signed test events and the
    /// simulated gateway. ``init(json:path:)`` reads it back unchanged.
    public var json: JSON {
        let error: JSON =
            failureCode == nil && failureMessage == nil
            ? .null : ["code": JSON(failureCode), "message": JSON(failureMessage), "type": "card_error"]
        return [
            "id": .string(id), "object": "payment_intent", "amount": .int(amount), "currency": .string(currency),
            "customer": JSON(customerID), "payment_method": JSON(paymentMethodID),
            "metadata": .object(
                JSONObject(metadata.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) })),
            "last_payment_error": error, "livemode": .bool(livemode), "status": .string(status.rawValue),
        ]
    }
}
