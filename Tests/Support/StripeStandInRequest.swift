public import Web

/// One request the Stripe stand-in received, recorded for assertions.
public struct StripeStandInRequest: Sendable, Equatable {
    /// `GET` or `POST`.
    public var method: String
    /// The path without query, e.g. `/v1/checkout/sessions`.
    public var path: String
    /// The raw query string (empty when none).
    public var query: String
    /// Header names lowercased; the last value of a repeated header wins.
    public var headers: [String: String]
    /// The raw body.
    public var body: String

    /// The header `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The decoded form fields of the body (empty when it does not parse).
    public var form: FormData { (try? FormData(parsing: body)) ?? FormData() }
}
