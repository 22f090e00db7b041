/// How a route appears in the OpenAPI document (`GET /api/v1/openapi.json`).
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

    /// Describes an operation.
    public init(
        _ summary: String, tag: String, access: Access = .anyone, requestBody: String? = nil,
        responses: [(status: Int, description: String)] = [(200, "OK")], responseType: String = "application/json"
    ) {
        self.summary = summary
        self.tag = tag
        self.access = access
        self.requestBody = requestBody
        self.responses = responses
        self.responseType = responseType
    }
}
