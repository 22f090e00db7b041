import Web

/// A handler answers one request.
public typealias RouteHandler = (RequestContext) throws -> Response

/// One registered route: its handler and, for API operations, its documentation.
public struct Route {
    /// The method.
    public let method: HTTPMethod
    /// The pattern, e.g. `/api/v1/orders/{id}`.
    public let pattern: String
    /// The handler.
    public let handler: RouteHandler
    /// The OpenAPI entry; nil for pages, which are not part of the API.
    public let documentation: RouteDocumentation?
}

/// The application's routes, built once per worker at start-up: a ``Router`` plus the list the
/// OpenAPI document is generated from. Each feature adds its routes in its own `*Routes.swift` file.
public struct RouteTable {
    private(set) var router = Router<Route>()
    /// Every route in registration order.
    public private(set) var routes: [Route] = []

    /// An empty table.
    public init() {}

    /// Adds a route; a malformed or duplicate pattern is a programming error and traps at start-up.
    public mutating func add(
        _ method: HTTPMethod, _ pattern: String, _ documentation: RouteDocumentation? = nil,
        _ handler: @escaping RouteHandler
    ) {
        let route = Route(method: method, pattern: pattern, handler: handler, documentation: documentation)
        do {
            try router.add(method, pattern, route)
        } catch {
            preconditionFailure("invalid route \(method) \(pattern): \(error)")
        }
        routes.append(route)
    }

    /// Finds the route for a method and decoded path.
    public func match(_ method: HTTPMethod, path: String) -> RouteMatch<Route> {
        router.route(method, path: path)
    }
}
