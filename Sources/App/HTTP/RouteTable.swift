public import Storage
public import Web

/// A handler answers one request.
public typealias RouteHandler = (RequestContext) throws -> Response

/// One registered route: its handler, who may call it and, for API operations, its documentation.
public struct Route {
    /// The method.
    public let method: HTTPMethod
    /// The pattern, e.g. `/api/v1/orders/{id}`.
    public let pattern: String
    /// The handler.
    public let handler: RouteHandler
    /// The OpenAPI entry; nil for pages, which are not part of the API.
    public let documentation: RouteDocumentation?
    /// Who may call it, enforced before the handler runs (the documentation shows the same value).
    public let access: RouteAccess
    /// A read run in the same statement as a bearer token's look-up (one database round trip for both); its rows
    /// reach the handler as ``RequestContext/bearerReadRows``. Nil for most routes.
    public let bearerRead: APITokenStore.CompanionRead?
    /// A read run in the same statement as a session's look-up; its rows reach the handler as
    /// ``RequestContext/sessionReadRows``. Every ``RouteAccess/signedInPage`` route has the portal's
    /// (``CompanyAccount/alongWithSession``: every portal page shows the company and its credits); nil otherwise.
    public let sessionRead: SessionStore.CompanionRead?
    /// Whether the handler itself authenticates a request that carries an `Authorization` header (so that the
    /// token's look-up can share a statement with the handler's own work); the route table then skips its access
    /// check for such requests. Only for ``RouteAccess/authenticated`` routes whose handler resolves the token
    /// (401 when it is not valid) or else calls ``RequestContext/requireCaller(_:)`` before anything else.
    public let handlerAuthenticatesBearer: Bool

    /// A route; `access` defaults to the documentation's (anyone for an undocumented page).
    public init(
        method: HTTPMethod, pattern: String, handler: @escaping RouteHandler, documentation: RouteDocumentation? = nil,
        access: RouteAccess? = nil, bearerRead: APITokenStore.CompanionRead? = nil,
        handlerAuthenticatesBearer: Bool = false
    ) {
        self.method = method
        self.pattern = pattern
        self.handler = handler
        self.documentation = documentation
        self.access = access ?? documentation?.access ?? .anyone
        self.bearerRead = bearerRead
        sessionRead = self.access == .signedInPage ? CompanyAccount.alongWithSession : nil
        precondition(
            !handlerAuthenticatesBearer || self.access == .authenticated,
            "only an authenticated route's handler may authenticate bearer tokens itself")
        self.handlerAuthenticatesBearer = handlerAuthenticatesBearer
    }
}

/// The application's routes, built once per worker at start-up: a ``Router`` plus the list the
/// OpenAPI document is generated from. Each feature adds its routes in its own `*Routes.swift` file.
public struct RouteTable {
    private(set) var router = Router<Route>()
    /// Every route in registration order.
    public private(set) var routes: [Route] = []
    /// The answers of routes registered with ``add(_:_:answer:)``, rendered once.
    public private(set) var preparedAnswers: [PreparedAnswer] = []

    /// An empty table.
    public init() {}

    /// Adds an API route whose documentation declares its access (``RouteDocumentation/access``), or a page
    /// anyone may see when `documentation` is nil. A malformed or duplicate pattern is a programming error and
    /// traps at start-up.
    public mutating func add(
        _ method: HTTPMethod, _ pattern: String, _ documentation: RouteDocumentation? = nil,
        _ handler: @escaping RouteHandler
    ) {
        add(Route(method: method, pattern: pattern, handler: handler, documentation: documentation))
    }

    /// Adds an API route whose handler reads `bearerRead` (for the caller's company) when the caller sends a bearer
    /// token: the token's look-up and that read run as one statement, and the handler finds the rows in
    /// ``RequestContext/bearerReadRows`` (nil for a session caller: the handler reads them itself).
    public mutating func add(
        _ method: HTTPMethod, _ pattern: String, _ documentation: RouteDocumentation,
        bearerRead: APITokenStore.CompanionRead, _ handler: @escaping RouteHandler
    ) {
        add(
            Route(
                method: method, pattern: pattern, handler: handler, documentation: documentation,
                bearerRead: bearerRead))
    }

    /// Adds an ``RouteAccess/authenticated`` API route whose handler authenticates bearer requests itself
    /// (``Route/handlerAuthenticatesBearer``); session callers are checked by the table as usual.
    public mutating func add(
        _ method: HTTPMethod, _ pattern: String, _ documentation: RouteDocumentation,
        handlerAuthenticatesBearer: Bool, _ handler: @escaping RouteHandler
    ) {
        add(
            Route(
                method: method, pattern: pattern, handler: handler, documentation: documentation,
                handlerAuthenticatesBearer: handlerAuthenticatesBearer))
    }

    /// Adds a page (not part of the API document) with its access, e.g. ``RouteAccess/signedInPage``.
    public mutating func add(
        _ method: HTTPMethod, _ pattern: String, access: RouteAccess, _ handler: @escaping RouteHandler
    ) {
        add(Route(method: method, pattern: pattern, handler: handler, documentation: nil, access: access))
    }

    /// Adds a public GET route whose answer never depends on the request (liveness): its handler returns `answer`,
    /// and the worker sends a plain `GET` of `pattern` the bytes rendered once (``PreparedAnswer``).
    public mutating func add(_ pattern: String, _ documentation: RouteDocumentation, answer: Response) {
        precondition(documentation.access == .anyone, "a prepared answer is for anyone: \(pattern)")
        let prepared = PreparedAnswer(pattern: pattern, response: answer)
        add(.get, pattern, documentation) { _ in answer }
        preparedAnswers.append(prepared)
    }

    private mutating func add(_ route: Route) {
        let method = route.method
        let pattern = route.pattern
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
