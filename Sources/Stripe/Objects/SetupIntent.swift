public import Web

/// The fields of a Stripe SetupIntent (`object: "setup_intent"`) that Code Zero uses: which payment method
/// a setup-mode Checkout saved for which customer.
public struct SetupIntent: Sendable, Equatable {
    /// `status`.
    public enum Status: String, Sendable, Equatable, CaseIterable {
        /// No method yet (or it failed).
        case requiresPaymentMethod = "requires_payment_method"
        /// Not confirmed yet.
        case requiresConfirmation = "requires_confirmation"
        /// The customer must act.
        case requiresAction = "requires_action"
        /// Being verified.
        case processing
        /// Canceled.
        case canceled
        /// The method is saved and usable off-session.
        case succeeded
    }

    /// `seti_…`.
    public var id: String
    /// `status`.
    public var status: Status
    /// `customer` id, if any.
    public var customerID: String?
    /// `payment_method` id, once attached.
    public var paymentMethodID: String?
    /// `metadata` as sent.
    public var metadata: [String: String]
    /// Live or test mode.
    public var livemode: Bool

    /// A setup intent from its parts (used by ``SimulatedGateway`` and tests).
    public init(
        id: String, status: Status, customerID: String? = nil, paymentMethodID: String? = nil,
        metadata: [String: String] = [:], livemode: Bool = false
    ) {
        self.id = id
        self.status = status
        self.customerID = customerID
        self.paymentMethodID = paymentMethodID
        self.metadata = metadata
        self.livemode = livemode
    }

    /// Decodes a setup intent object; `path` names it in errors (e.g. `data.object`).
    public init(json: JSON, path: String = "setup_intent") throws(StripeError) {
        let reader = try PayloadReader(json, path: path)
        let object = try reader.string("object")
        guard object == "setup_intent" else { throw .invalidPayload("\(path).object is \(object), not setup_intent") }
        id = try reader.string("id")
        guard id.hasPrefix("seti_") else { throw .invalidPayload("\(path).id is not a setup intent id") }
        status = try reader.enumeration("status", as: Status.self)
        customerID = try reader.expandableID("customer")
        paymentMethodID = try reader.expandableID("payment_method")
        metadata = try reader.stringMap("metadata")
        livemode = try reader.bool("livemode")
    }

    /// Decodes a setup intent from a JSON body (an API response).
    public static func decode(_ body: [UInt8]) throws(StripeError) -> SetupIntent {
        try SetupIntent(json: try PayloadReader.parse(body))
    }

    /// The setup intent as Stripe-shaped JSON (the fields this type holds).
    public var json: JSON {
        [
            "id": .string(id), "object": "setup_intent", "customer": JSON(customerID),
            "payment_method": JSON(paymentMethodID),
            "metadata": .object(
                JSONObject(metadata.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) })),
            "livemode": .bool(livemode), "status": .string(status.rawValue),
        ]
    }
}
