import Logging
public import Web

/// Turns one FastCGI request into one response: parse, route, run the handler, map errors.
///
/// Pure with respect to the transport, so tests drive it with CGI parameters directly.
public final class Application {
    /// The worker's services.
    public let services: Services
    /// The routes, built once.
    public let routes: RouteTable

    /// What answering one request produced.
    public struct Outcome {
        /// The response.
        public var response: Response
        /// Whether the body is sent (false for HEAD).
        public var includeBody: Bool
        /// The matched route pattern, or a placeholder (`(unmatched)`, `(invalid)`).
        public var route: String
        /// The request id, or empty.
        public var requestID: String
        /// The method as sent.
        public var method: String
        /// The raw path as sent.
        public var path: String
        /// Nanoseconds spent waiting for the database.
        public var databaseNanoseconds: Int64
    }

    /// Creates the application with every route of ``Routes``.
    public init(services: Services) {
        self.services = services
        self.routes = Routes.table(configuration: services.configuration)
    }

    /// The prepared answer that is the whole answer to a request with this request line, if any
    /// (``PreparedAnswer``); the caller still checks that the body was within the limit.
    public func preparedAnswer(for line: CGIRequestLine) -> PreparedAnswer? {
        for answer in routes.preparedAnswers where answer.answers(line) { return answer }
        return nil
    }

    /// Answers one request given as CGI parameters and body; `routed` hears the matched route pattern before the
    /// handler runs (the worker shows it in its scoreboard slot, so a request killed for its timeout names it).
    public func respond(
        parameters: [String: String], body: [UInt8], bodyTooLarge: Bool, routed: (String) -> Void = { _ in }
    ) -> Outcome {
        respond(parameters: CGIParameters(parameters), body: body, bodyTooLarge: bodyTooLarge, routed: routed)
    }

    /// Answers one request given as the FastCGI layer's flat copy of its CGI parameters (the worker's path).
    public func respond(
        parameters: CGIParameters, body: [UInt8], bodyTooLarge: Bool, routed: (String) -> Void = { _ in }
    ) -> Outcome {
        respond(
            parameters: parameters, body: body, bodyTooLarge: bodyTooLarge, parsed: nil, prepared: nil, routed: routed)
    }

    /// The same, for a request of a worker's group (``RequestGroup``): `parsed` is the request as the group parsed
    /// it (nil: parse it here), `prepared` its write when the group did it.
    func respond(
        parameters: CGIParameters, body: [UInt8], bodyTooLarge: Bool, parsed: Result<Request, any Error>?,
        prepared: PreparedWrite?, routed: (String) -> Void = { _ in }
    ) -> Outcome {
        let request: Request
        do {
            request = try parsed?.get() ?? Request(cgiParameters: parameters, body: body)
        } catch {
            var problem = Problem.badRequest(detail: "\(error)")
            if let id = parameters["REQUEST_ID"] { problem.extensions["request_id"] = .string(id) }
            return Outcome(
                response: .problem(problem), includeBody: parameters["REQUEST_METHOD"] != "HEAD", route: "(invalid)",
                requestID: parameters["REQUEST_ID"] ?? "", method: parameters["REQUEST_METHOD"] ?? "",
                path: parameters["REQUEST_URI"] ?? "", databaseNanoseconds: 0)
        }
        let includeBody = request.method != .head
        func outcome(_ response: Response, route: String, database: Int64 = 0) -> Outcome {
            Outcome(
                response: response, includeBody: includeBody, route: route, requestID: request.requestID,
                method: request.method.rawValue, path: request.rawPath, databaseNanoseconds: database)
        }
        if bodyTooLarge {
            let problem = Problem.payloadTooLarge(limit: services.configuration.maximumBodyBytes)
            return outcome(ErrorResponses.render(problem, request: request, site: services.site), route: "(too large)")
        }
        switch routes.match(request.method, path: request.path) {
        case .notFound:
            return outcome(
                ErrorResponses.render(.notFound(), request: request, site: services.site), route: "(unmatched)")
        case .methodNotAllowed(let allowed):
            return outcome(
                ErrorResponses.render(.methodNotAllowed(allow: allowed), request: request, site: services.site),
                route: "(method)")
        case .found(let route, let parameters, let pattern):
            var routedRequest = request
            routedRequest.pathParameters = parameters
            routed(pattern)
            let context = RequestContext(
                request: routedRequest, services: services, route: pattern, bearerRead: route.bearerRead,
                sessionRead: route.sessionRead)
            context.preparedWrite = prepared
            let response: Response
            do {
                if !route.handlerAuthenticatesBearer || routedRequest.header("authorization") == nil {
                    try route.access.enforce(on: context)
                }
                response = try route.handler(context)
            } catch {
                response = ErrorResponses.response(
                    for: error, request: routedRequest, logger: context.logger, site: services.site)
            }
            return outcome(response, route: pattern, database: context.databaseNanoseconds)
        }
    }
}
