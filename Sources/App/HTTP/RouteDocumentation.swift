/// How a route appears in the OpenAPI document (`GET /api/v1/openapi.json`), declared where the route is added
/// to the ``RouteTable`` — the one source of truth for what the API accepts and answers.
///
/// Declare the request body's schema (`request:`), the success response's (`response:`, for every 2xx but
/// 204), query parameters (`query:`) and path parameters that are not free text (`path:`, e.g. `["id": .uuid]`),
/// and every status the handler itself answers. The statuses that follow from the route's facts are added by
/// ``OpenAPIDocument``: 401/403 from the access, 400/413/415/422 for a JSON body, 404 for a path with
/// parameters, 429 for writes (rate limits), 503 while the database is unreachable. `OpenAPISchemaTests` fails
/// for a route without schemas; schemathesis holds the running API to them in `make test`.
public struct RouteDocumentation: Sendable {
    /// Who may call an operation; the route table enforces it (see ``RouteAccess``).
    public typealias Access = RouteAccess

    /// One-line summary.
    public var summary: String
    /// The tag grouping the operation (`health`, `billing`, ...).
    public var tag: String
    /// Who may call it.
    public var access: Access
    /// The request body's media type, if it takes one (`application/json`).
    public var requestBody: String?
    /// The response statuses with a description each.
    public var responses: [(status: Int, description: String)]
    /// The media type of the success response.
    public var responseType: String
    /// The request body's schema (required when ``requestBody`` is set).
    public var request: APISchema?
    /// The schema of the success responses' bodies (every 2xx except 204).
    public var response: APISchema?
    /// The query parameters.
    public var query: [APIParameter]
    /// Schemas of path parameters by name (a parameter not named here is any non-empty text).
    public var path: [String: APISchema]
    /// Whether the route works without the database (then no 503 is added for an outage).
    public var needsDatabase: Bool

    /// Describes an operation.
    public init(
        _ summary: String, tag: String, access: Access = .anyone, requestBody: String? = nil,
        responses: [(status: Int, description: String)] = [(200, "OK")], responseType: String = "application/json",
        request: APISchema? = nil, response: APISchema? = nil, query: [APIParameter] = [],
        path: [String: APISchema] = [:], needsDatabase: Bool = true
    ) {
        self.summary = summary
        self.tag = tag
        self.access = access
        self.requestBody = requestBody ?? (request == nil ? nil : "application/json")
        self.responses = responses
        self.responseType = responseType
        self.request = request
        self.response = response
        self.query = query
        self.path = path
        self.needsDatabase = needsDatabase
    }
}
