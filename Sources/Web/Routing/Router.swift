/// Maps a method and a path to a handler of any type, through a segment tree built once at start-up.
///
/// Patterns are absolute paths whose segments are literals or `{name}` parameters:
/// `/api/v1/orders/{id}/checkout`. Matching is per segment, without regular expressions:
///
/// - A literal segment wins over a parameter at the same position; when the literal branch has no match
///   further down, the parameter branch is tried.
/// - A parameter matches one non-empty segment of the decoded path (``Request/path`` never contains an
///   encoded slash, so segments are real segments).
/// - Trailing slashes are significant: `/de/` and `/de` are different routes, and `/` is the root.
///   Register both, or a redirect, where both should work.
/// - The first path match (literals before parameters, depth first) decides the resource; its methods
///   decide between ``RouteMatch/found(handler:parameters:pattern:)`` and
///   ``RouteMatch/methodNotAllowed(allowed:)``. `HEAD` uses the `GET` handler unless one is registered
///   for `HEAD`. `OPTIONS` is not implied.
public struct Router<Handler> {
    private var tree = RouteTree()
    private var handlers: [Handler] = []
    /// Every registered route in registration order, for listings such as the OpenAPI document.
    public private(set) var routes: [(method: HTTPMethod, pattern: String)] = []

    /// An empty router.
    public init() {}

    /// Registers `handler` for `method` and `pattern`.
    ///
    /// - Throws: ``WebError/invalidRoute(pattern:reason:)`` when the pattern does not start with `/`, has
    ///   a malformed or repeated `{name}`, uses a different parameter name where another pattern has one
    ///   at the same position, or is already registered for `method`.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: Handler) throws(WebError) {
        try tree.insert(method, pattern, handler: handlers.count)
        handlers.append(handler)
        routes.append((method, pattern))
    }

    /// Finds the handler for `method` and the decoded `path`.
    public func route(_ method: HTTPMethod, path: String) -> RouteMatch<Handler> {
        guard let (node, captured) = tree.resolve(path) else { return .notFound }
        switch tree.handler(for: method, at: node) {
        case .success(let index):
            var parameters: [String: String] = [:]
            if !captured.isEmpty {
                parameters.reserveCapacity(captured.count)
                for (name, value) in captured { parameters[name] = String(value) }
            }
            return .found(handler: handlers[index], parameters: parameters, pattern: tree.nodes[node].pattern ?? "")
        case .failure(let allowed):
            return .methodNotAllowed(allowed: allowed.methods)
        }
    }
}

extension Router: Sendable where Handler: Sendable {}
