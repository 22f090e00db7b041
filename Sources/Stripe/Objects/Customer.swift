public import Web

/// The fields of a Stripe Customer (`object: "customer"`) that Code Zero uses.
public struct Customer: Sendable, Equatable {
    /// `cus_…`.
    public var id: String
    /// `name`.
    public var name: String?
    /// `email`.
    public var email: String?
    /// `metadata` as sent.
    public var metadata: [String: String]

    /// A customer from its parts (used by ``SimulatedGateway`` and tests).
    public init(id: String, name: String? = nil, email: String? = nil, metadata: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.email = email
        self.metadata = metadata
    }

    /// Decodes a customer object; `path` names it in errors.
    public init(json: JSON, path: String = "customer") throws(StripeError) {
        let reader = try PayloadReader(json, path: path)
        let object = try reader.string("object")
        guard object == "customer" else { throw .invalidPayload("\(path).object is \(object), not customer") }
        id = try reader.string("id")
        guard id.hasPrefix("cus_") else { throw .invalidPayload("\(path).id is not a customer id") }
        name = try reader.optionalString("name")
        email = try reader.optionalString("email")
        metadata = try reader.stringMap("metadata")
    }

    /// Decodes a customer from a JSON body (an API response).
    public static func decode(_ body: [UInt8]) throws(StripeError) -> Customer {
        try Customer(json: try PayloadReader.parse(body))
    }
}
