public import Web

/// The parameters of `POST /v1/customers` that Code Zero sends (one Stripe Customer per company).
public struct CustomerRequest: Sendable, Equatable {
    /// `name`: the company's name.
    public var name: String
    /// `email`: where Stripe may send payment notices (we send our own).
    public var email: String?
    /// `preferred_locales[]`, e.g. `de`.
    public var preferredLocales: [String]
    /// `metadata` (sorted by key on the wire).
    public var metadata: [String: String]

    /// A request.
    public init(name: String, email: String? = nil, preferredLocales: [String] = [], metadata: [String: String] = [:]) {
        self.name = name
        self.email = email
        self.preferredLocales = preferredLocales
        self.metadata = metadata
    }

    /// The nested parameters; absent values are `null` (omitted on the wire).
    public var parameters: JSONObject {
        [
            "name": .string(name), "email": JSON(email),
            "preferred_locales": preferredLocales.isEmpty ? .null : .array(preferredLocales.map(JSON.string)),
            "metadata": StripeMetadata.json(metadata),
        ]
    }

    /// The `application/x-www-form-urlencoded` body.
    public var formBody: String { FormEncoder.encode(parameters) }
}
