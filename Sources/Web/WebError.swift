/// Everything that can go wrong in the Web module.
///
/// Each case's ``description`` is safe to show to a client: it names what was wrong with the input,
/// never anything about the server. `App` turns ``invalidRequest(_:)`` and ``invalidJSON(_:)`` into 400.
public enum WebError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request cannot be understood: a bad method token, a path that is not absolute, an invalid
    /// percent-encoding, a NUL byte, invalid UTF-8 or an encoded slash. Maps to 400 Bad Request.
    case invalidRequest(String)
    /// A JSON text is not valid RFC 8259 JSON. Maps to 400 Bad Request.
    case invalidJSON(JSONSyntaxError)
    /// A `Set-Cookie` cannot be rendered: an invalid name, value or attribute, or a broken prefix rule.
    case invalidCookie(String)
    /// A route pattern is malformed or conflicts with one already registered (a programming error,
    /// reported at start-up).
    case invalidRoute(pattern: String, reason: String)

    /// A message safe to show to a client.
    public var description: String {
        switch self {
        case .invalidRequest(let reason): "Invalid request: \(reason)"
        case .invalidJSON(let error): "Invalid JSON: \(error)"
        case .invalidCookie(let reason): "Invalid cookie: \(reason)"
        case .invalidRoute(let pattern, let reason): "Invalid route \(pattern): \(reason)"
        }
    }
}
