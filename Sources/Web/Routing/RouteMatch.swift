/// The outcome of ``Router/route(_:path:)``.
public enum RouteMatch<Handler> {
    /// A handler for the method and path, the values of the pattern's `{name}` segments (decoded, never
    /// empty) and the pattern itself (a low-cardinality label for logs and metrics).
    case found(handler: Handler, parameters: [String: String], pattern: String)
    /// The path exists but not for this method: answer 405 with `Allow: <allowed>` (sorted; `HEAD`
    /// included wherever `GET` is).
    case methodNotAllowed(allowed: [HTTPMethod])
    /// No pattern matches the path.
    case notFound
}

extension RouteMatch: Sendable where Handler: Sendable {}
