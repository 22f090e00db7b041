/// An HTTP response: status, headers and body bytes, rendered for nginx by ``cgiBytes(includeBody:)``.
public struct Response: Sendable {
    /// The redirect statuses ``redirect(to:status:)`` accepts.
    public enum RedirectStatus: Sendable {
        /// 301: permanent, clients may change the method to GET.
        case movedPermanently
        /// 302: temporary, clients may change the method to GET.
        case found
        /// 303: "see other", always followed with GET (the answer to a form POST).
        case seeOther
        /// 307: temporary, method and body are kept.
        case temporaryRedirect
        /// 308: permanent, method and body are kept.
        case permanentRedirect

        /// The HTTP status.
        public var status: HTTPStatus {
            switch self {
            case .movedPermanently: .movedPermanently
            case .found: .found
            case .seeOther: .seeOther
            case .temporaryRedirect: .temporaryRedirect
            case .permanentRedirect: .permanentRedirect
            }
        }
    }

    /// The status.
    public var status: HTTPStatus
    /// The headers; `Content-Length` and `Status` are computed when rendering and ignored here.
    public var headers: HTTPHeaders
    /// The body.
    public var body: [UInt8]

    /// A response with the given parts.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// `application/json` with the compact serialization of `value`.
    public static func json(_ value: JSON, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "application/json"], body: value.serialized())
    }

    /// `text/html; charset=utf-8`.
    public static func html(_ html: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: Array(html.utf8))
    }

    /// `text/plain; charset=utf-8`.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// A redirect to `location` (absolute URL or absolute path) with an empty body.
    public static func redirect(to location: String, status: RedirectStatus = .found) -> Response {
        Response(status: status.status, headers: ["Location": location])
    }

    /// An RFC 9457 `application/problem+json` response, with the problem's extra headers (`Allow`,
    /// `Retry-After`).
    public static func problem(_ problem: Problem) -> Response {
        var headers: HTTPHeaders = ["Content-Type": "application/problem+json"]
        headers.merge(problem.headers)
        return Response(status: problem.status, headers: headers, body: problem.json.serialized())
    }

    /// Appends a `Set-Cookie` header.
    public mutating func setCookie(_ cookie: SetCookie) {
        headers.add(name: "Set-Cookie", value: cookie.headerValue)
    }
}
