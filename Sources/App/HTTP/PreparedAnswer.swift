public import Web

/// The answer of a route that never depends on the request (liveness), rendered to CGI bytes once per worker (a
/// class: the worker passes it around per request, one reference instead of four).
///
/// The worker sends these bytes for a plain `GET` of the route's path — `REQUEST_URI` exactly the path (no query,
/// no fragment, no percent-encoding) and a body within the limit — without parsing the request, matching the
/// route or rendering the response: everything that could change the answer (a malformed target, a query, a
/// body too large) goes the full way. Registered with ``RouteTable/add(_:_:answer:)``, whose handler returns
/// the same response, so both ways answer alike (`PreparedAnswerTests` compares them).
public final class PreparedAnswer: Sendable {
    /// The route's pattern (a literal path), for the scoreboard and `/metrics`.
    public let pattern: String
    /// The response's status code.
    public let status: Int
    /// `response.cgiBytes()`, what the worker writes.
    public let bytes: [UInt8]
    /// The response the route's handler returns.
    public let response: Response
    /// The pattern's bytes, compared with `REQUEST_URI`.
    let path: [UInt8]

    init(pattern: String, response: Response) {
        precondition(
            pattern.hasPrefix("/") && !pattern.utf8.contains { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "%") },
            "a prepared answer needs a literal path: \(pattern)")
        precondition(response.status.code < 500, "a prepared answer is not an error: \(pattern)")
        self.pattern = pattern
        self.status = response.status.code
        self.bytes = response.cgiBytes()
        self.response = response
        self.path = Array(pattern.utf8)
    }

    /// Whether this answer is the whole answer to `line`: `GET`, this exact path, no query string.
    func answers(_ line: CGIRequestLine) -> Bool {
        line.query.isEmpty && CGIRequestLine.equals(line.uri, path)
            && CGIRequestLine.equals(line.method, PreparedAnswer.get)
    }

    private static let get = Array("GET".utf8)
}
