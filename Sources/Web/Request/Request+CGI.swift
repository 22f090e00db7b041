extension Request {
    /// Builds a request from the CGI parameters nginx sends (`fastcgi_params`) and the body.
    ///
    /// - `REQUEST_METHOD` → ``method`` (must be a token).
    /// - `REQUEST_URI` → ``rawPath`` and ``path`` (percent-decoded) up to the `?`; falls back to
    ///   `DOCUMENT_URI` (already decoded by nginx) when absent.
    /// - `QUERY_STRING` → ``rawQuery`` (else the part of `REQUEST_URI` after `?`), parsed into ``queryItems``.
    /// - `HTTP_*` → headers (`HTTP_ACCEPT_LANGUAGE` → `accept-language`); `CONTENT_TYPE` and a non-empty
    ///   `CONTENT_LENGTH` → `content-type` and `content-length`. Empty values are skipped (nginx sends
    ///   `CONTENT_LENGTH` empty for bodiless requests and `HTTP_PROXY` empty by our configuration).
    /// - `REMOTE_ADDR`, `REMOTE_PORT`, `SERVER_NAME`, `SERVER_PORT`, `HTTPS` (`on`), `REQUEST_ID`
    ///   (or a safe `HTTP_X_REQUEST_ID`: 1 to 64 of `A-Z a-z 0-9 . _ -`).
    ///
    /// - Throws: ``WebError/invalidRequest(_:)`` for a missing or malformed method, a path that does not
    ///   start with `/`, an invalid percent-encoding, a NUL byte, invalid UTF-8 or an encoded slash in the
    ///   path, or a malformed query string. `App` answers 400.
    public init(cgiParameters: [String: String], body: [UInt8]) throws(WebError) {
        try self.init(cgiParameters: CGIParameters(cgiParameters), body: body)
    }

    /// Builds a request from the parameters as the FastCGI layer copied them, reading each one in one pass (no
    /// dictionary); the same mapping and errors as ``init(cgiParameters:body:)-([String:String],_)``.
    public init(cgiParameters: CGIParameters, body: [UInt8]) throws(WebError) {
        var fields = CGIFields()
        cgiParameters.forEach { name, value in fields.take(name, value) }
        guard let methodToken = fields.method, ASCII.isToken(methodToken) else {
            throw .invalidRequest("missing or malformed request method")
        }

        let rawPath: String
        let path: String
        var uriQuery: Substring?
        if let uri = fields.requestURI {
            let utf8 = uri.utf8
            let end = utf8.firstIndex(of: UInt8(ascii: "#")) ?? utf8.endIndex
            let question = utf8[..<end].firstIndex(of: UInt8(ascii: "?"))
            let pathPart = uri[..<(question ?? end)]
            rawPath = String(pathPart)
            uriQuery = question.map { uri[utf8.index(after: $0)..<end] }
            path = try Request.decodePath(rawPath)
        } else if let documentURI = fields.documentURI {
            guard documentURI.hasPrefix("/"), !documentURI.utf8.contains(0) else {
                throw .invalidRequest("the path must start with '/'")
            }
            rawPath = documentURI
            path = documentURI
        } else {
            throw .invalidRequest("missing request URI")
        }

        let rawQuery = fields.queryString ?? uriQuery.map(String.init) ?? ""
        let queryItems = rawQuery.isEmpty ? FormData() : try FormData(parsing: rawQuery)
        fields.headers.sort { $0.0 < $1.0 }

        self.init(
            method: HTTPMethod(rawValue: methodToken),
            path: path,
            rawPath: rawPath,
            rawQuery: rawQuery,
            queryItems: queryItems,
            headers: HTTPHeaders(fields.headers),
            body: body,
            remoteAddress: fields.remoteAddress ?? "",
            remotePort: fields.remotePort.flatMap { Int($0) },
            serverName: fields.serverName ?? "",
            serverPort: fields.serverPort.flatMap { Int($0) },
            isSecure: fields.https.map { ASCII.caseInsensitiveEquals($0, "on") } ?? false,
            requestID: fields.requestID.flatMap { Request.isSafeRequestID($0) ? $0 : nil }
                ?? fields.clientRequestID.flatMap { Request.isSafeRequestID($0) ? $0 : nil } ?? ""
        )
    }

    /// Builds a request the way nginx would describe it; for tests and internal dispatch.
    ///
    /// `uri` is the raw request target (`/api/v1/orders?limit=5`); header names may use any case.
    public init(
        method: HTTPMethod,
        uri: String,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        remoteAddress: String = "127.0.0.1",
        isSecure: Bool = true,
        requestID: String = ""
    ) throws(WebError) {
        var parameters: [String: String] = [
            "REQUEST_METHOD": method.rawValue,
            "REQUEST_URI": uri,
            "REMOTE_ADDR": remoteAddress,
            "CONTENT_LENGTH": body.isEmpty ? "" : String(body.count),
        ]
        if isSecure { parameters["HTTPS"] = "on" }
        if !requestID.isEmpty { parameters["REQUEST_ID"] = requestID }
        for field in headers {
            let name = String(
                decoding: field.name.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 },
                as: UTF8.self
            ).uppercased()
            switch name {
            case "CONTENT_TYPE", "CONTENT_LENGTH": parameters[name] = field.value
            default: parameters["HTTP_" + name] = field.value
            }
        }
        try self.init(cgiParameters: parameters, body: body)
    }

    static func decodePath(_ rawPath: String) throws(WebError) -> String {
        var raw = rawPath
        // Most paths have nothing to decode: one pass over the contiguous bytes, and the string itself is the answer.
        let plain = raw.withUTF8 { bytes in
            bytes.first == UInt8(ascii: "/") && !bytes.contains { $0 == UInt8(ascii: "%") || $0 == 0 }
        }
        if plain { return raw }
        guard raw.hasPrefix("/") else { throw .invalidRequest("the path must start with '/'") }
        let utf8 = raw.utf8
        var index = utf8.startIndex
        while let percent = utf8[index...].firstIndex(of: UInt8(ascii: "%")) {
            let next = utf8.index(after: percent)
            if next < utf8.endIndex, utf8[next] == UInt8(ascii: "2") {
                let last = utf8.index(after: next)
                if last < utf8.endIndex, utf8[last] == UInt8(ascii: "F") || utf8[last] == UInt8(ascii: "f") {
                    throw .invalidRequest("encoded slash in path")
                }
            }
            index = next
        }
        return try PercentEncoding.decode(raw)
    }

    static func isSafeRequestID(_ id: String) -> Bool {
        let utf8 = id.utf8
        return (1...64).contains(utf8.count)
            && utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    true
                default:
                    false
                }
            }
    }
}
