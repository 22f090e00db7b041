/// An HTTP request as a FastCGI worker receives it from nginx: CGI parameters plus the body.
///
/// Build one with ``init(cgiParameters:body:)`` (see `Request+CGI.swift` for the mapping). The value is
/// immutable except for ``pathParameters``, which the router's caller fills in.
public struct Request: Sendable {
    /// The request method, a validated token.
    public let method: HTTPMethod
    /// The percent-decoded path without the query, e.g. `/de/konfigurator`. Never contains NUL and never
    /// came from an encoded slash (`%2F` is rejected), so splitting it on `/` gives the real segments.
    public let path: String
    /// The path exactly as sent (still percent-encoded).
    public let rawPath: String
    /// The query string as sent, without the `?`; empty when there is none.
    public let rawQuery: String
    /// The parsed query string.
    public let queryItems: FormData
    /// The request headers, lower-case names (`accept-language`), sorted by name.
    public let headers: HTTPHeaders
    /// The request body as read by the FastCGI layer.
    public let body: [UInt8]
    /// The client's address (nginx `$remote_addr`), or empty.
    public let remoteAddress: String
    /// The client's port, or `nil`.
    public let remotePort: Int?
    /// The server name (nginx `$server_name`), or empty.
    public let serverName: String
    /// The server port, or `nil`.
    public let serverPort: Int?
    /// Whether the request came over TLS (`HTTPS=on`).
    public let isSecure: Bool
    /// nginx's `$request_id` (32 hex digits), else a safe client `X-Request-Id`, else empty.
    public let requestID: String
    /// Parameters captured by the router from `{name}` segments; empty until set.
    public var pathParameters: [String: String]

    init(
        method: HTTPMethod, path: String, rawPath: String, rawQuery: String, queryItems: FormData,
        headers: HTTPHeaders, body: [UInt8], remoteAddress: String, remotePort: Int?, serverName: String,
        serverPort: Int?, isSecure: Bool, requestID: String
    ) {
        self.method = method
        self.path = path
        self.rawPath = rawPath
        self.rawQuery = rawQuery
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.serverName = serverName
        self.serverPort = serverPort
        self.isSecure = isSecure
        self.requestID = requestID
        self.pathParameters = [:]
    }

    /// The first value of query parameter `name`, or `nil`.
    public func query(_ name: String) -> String? {
        queryItems[name]
    }

    /// Every value of query parameter `name`, in order (`?tag=a&tag=b`).
    public func queryValues(_ name: String) -> [String] {
        queryItems.values(for: name)
    }

    /// The first value of header `name` (case-insensitive), or `nil`.
    public func header(_ name: String) -> String? {
        headers[name]
    }

    /// The path parameter `name` captured by the router, or `nil`.
    public func parameter(_ name: String) -> String? {
        pathParameters[name]
    }

    /// The cookies from the `Cookie` header, in order.
    public var cookies: [Cookie] {
        guard let header = headers["cookie"] else { return [] }
        return Cookie.parse(header: header)
    }

    /// The value of the first cookie named `name` (case-sensitive), or `nil`.
    public func cookie(_ name: String) -> String? {
        guard let header = headers["cookie"] else { return nil }
        return Cookie.value(named: name, in: header)
    }

    /// The media type of the body, lower-cased and without parameters (`application/json`), or `nil`.
    public var mediaType: String? {
        guard let contentType = headers["content-type"] else { return nil }
        // By bytes (Character comparisons cost ~10,000 instructions per JSON request, issue #16): the first
        // non-empty `;`-separated part, without spaces and tabs around it, lower-cased.
        let bytes = contentType.utf8
        var start = bytes.startIndex
        while start < bytes.endIndex, bytes[start] == UInt8(ascii: ";") { bytes.formIndex(after: &start) }
        var end = bytes[start...].firstIndex(of: UInt8(ascii: ";")) ?? bytes.endIndex
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        while start < end, isBlank(bytes[start]) { bytes.formIndex(after: &start) }
        while end > start, isBlank(bytes[bytes.index(before: end)]) { bytes.formIndex(before: &end) }
        return start < end ? ASCII.lowercased(contentType[start..<end]) : nil
    }

    /// The body parsed as strict JSON.
    ///
    /// - Throws: ``WebError/invalidJSON(_:)``.
    public func decodeJSON(maximumDepth: Int = JSON.defaultMaximumDepth) throws(WebError) -> JSON {
        try JSON.parse(body, maximumDepth: maximumDepth)
    }

    /// The body parsed as `application/x-www-form-urlencoded`.
    ///
    /// - Throws: ``WebError/invalidRequest(_:)``.
    public func decodeForm() throws(WebError) -> FormData {
        try FormData(parsing: body)
    }
}
