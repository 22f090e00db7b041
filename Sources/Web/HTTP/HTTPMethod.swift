/// An HTTP request method (RFC 9110 §9). Methods are case-sensitive tokens: `get` is not `GET`.
public struct HTTPMethod: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The method token as sent, for example `"GET"`.
    public let rawValue: String

    /// Wraps a method token; no validation (``Request`` validates what it receives).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps a method token written as a literal.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// `GET`: retrieve a representation.
    public static let get: HTTPMethod = "GET"
    /// `HEAD`: like `GET` without the body; the router falls back to the `GET` handler.
    public static let head: HTTPMethod = "HEAD"
    /// `POST`: process the enclosed representation.
    public static let post: HTTPMethod = "POST"
    /// `PUT`: replace the target's state.
    public static let put: HTTPMethod = "PUT"
    /// `PATCH`: partially modify the target (RFC 5789).
    public static let patch: HTTPMethod = "PATCH"
    /// `DELETE`: remove the target.
    public static let delete: HTTPMethod = "DELETE"
    /// `OPTIONS`: describe the communication options.
    public static let options: HTTPMethod = "OPTIONS"

    /// Whether the method is safe (RFC 9110 §9.2.1): `GET`, `HEAD`, `OPTIONS` or `TRACE`.
    public var isSafe: Bool {
        self == .get || self == .head || self == .options || rawValue == "TRACE"
    }

    /// The method token.
    public var description: String { rawValue }

    /// Orders methods alphabetically by token, the order used in `Allow` headers.
    public static func < (lhs: HTTPMethod, rhs: HTTPMethod) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
