import Testing

@testable import Web

@Suite struct RequestTests {
    static let nginxParameters: [String: String] = [
        "REQUEST_METHOD": "POST",
        "REQUEST_URI": "/api/v1/orders/%C3%A4bc?limit=5&tag=a&tag=b+c",
        "DOCUMENT_URI": "/api/v1/orders/äbc",
        "QUERY_STRING": "limit=5&tag=a&tag=b+c",
        "CONTENT_TYPE": "application/json; charset=utf-8",
        "CONTENT_LENGTH": "2",
        "REMOTE_ADDR": "203.0.113.7",
        "REMOTE_PORT": "51234",
        "SERVER_NAME": "codezero.example",
        "SERVER_PORT": "8443",
        "HTTPS": "on",
        "REQUEST_ID": "0123456789abcdef0123456789abcdef",
        "HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9",
        "HTTP_COOKIE": "__Host-session=abc123; theme=dark",
        "HTTP_X_CSRF_TOKEN": "tok",
        "HTTP_PROXY": "",
        "GATEWAY_INTERFACE": "CGI/1.1",
    ]

    @Test func everyFieldFromNginxParameters() throws {
        let request = try Request(cgiParameters: Self.nginxParameters, body: Array("{}".utf8))
        #expect(request.method == .post)
        #expect(request.path == "/api/v1/orders/äbc")
        #expect(request.rawPath == "/api/v1/orders/%C3%A4bc")
        #expect(request.rawQuery == "limit=5&tag=a&tag=b+c")
        #expect(request.query("limit") == "5")
        #expect(request.queryValues("tag") == ["a", "b c"])
        #expect(request.query("missing") == nil)
        #expect(request.body == Array("{}".utf8))
        #expect(request.remoteAddress == "203.0.113.7")
        #expect(request.remotePort == 51234)
        #expect(request.serverName == "codezero.example")
        #expect(request.serverPort == 8443)
        #expect(request.isSecure)
        #expect(request.requestID == "0123456789abcdef0123456789abcdef")
        #expect(request.header("Accept-Language") == "de-DE,de;q=0.9")
        #expect(request.header("x-csrf-token") == "tok")
        #expect(request.header("content-type") == "application/json; charset=utf-8")
        #expect(request.header("content-length") == "2")
        #expect(request.mediaType == "application/json")
        #expect(request.cookie("__Host-session") == "abc123")
        #expect(request.cookie("theme") == "dark")
        #expect(request.cookie("THEME") == nil)
        #expect(request.pathParameters.isEmpty)
        // Empty values (HTTP_PROXY) and non-header CGI variables do not become headers.
        #expect(!request.headers.contains("proxy"))
        #expect(!request.headers.contains("gateway-interface"))
        #expect(request.headers.map(\.name) == request.headers.map(\.name).sorted())
    }

    @Test(
        arguments: [
            ("application/json", "application/json"), ("Application/JSON ; charset=utf-8", "application/json"),
            (" \ttext/plain\t;a=b;c", "text/plain"), (";;application/json;x", "application/json"), (";", nil),
            ("  ; x", nil), ("   ", nil), ("multipart/form-data; boundary=AbC", "multipart/form-data"),
        ] as [(String, String?)])
    func mediaTypeIsTheFirstPartTrimmedAndLowerCased(contentType: String, expected: String?) throws {
        var parameters = Self.nginxParameters
        parameters["CONTENT_TYPE"] = contentType
        let request = try Request(cgiParameters: parameters, body: Array("{}".utf8))
        #expect(request.mediaType == expected)
    }

    @Test func emptyContentLengthForBodilessPost() throws {
        var parameters = Self.nginxParameters
        parameters["CONTENT_LENGTH"] = ""
        parameters["CONTENT_TYPE"] = ""
        let request = try Request(cgiParameters: parameters, body: [])
        #expect(request.header("content-length") == nil)
        #expect(request.header("content-type") == nil)
        #expect(request.mediaType == nil)
        #expect(request.body.isEmpty)
    }

    @Test func minimalParameters() throws {
        let request = try Request(cgiParameters: ["REQUEST_METHOD": "GET", "REQUEST_URI": "/"], body: [])
        #expect(request.path == "/")
        #expect(request.rawQuery == "")
        #expect(request.queryItems.isEmpty)
        #expect(!request.isSecure)
        #expect(request.requestID == "")
        #expect(request.remotePort == nil)
        #expect(request.headers.isEmpty)
    }

    @Test func queryFallsBackToRequestURI() throws {
        let request = try Request(cgiParameters: ["REQUEST_METHOD": "GET", "REQUEST_URI": "/s?q=a%20b"], body: [])
        #expect(request.rawQuery == "q=a%20b")
        #expect(request.query("q") == "a b")
    }

    @Test func pathFallsBackToDocumentURI() throws {
        let request = try Request(cgiParameters: ["REQUEST_METHOD": "GET", "DOCUMENT_URI": "/de/"], body: [])
        #expect(request.path == "/de/")
    }

    @Test(arguments: [
        ("/%zz", "invalid percent-encoding"),
        ("/a%2", "invalid percent-encoding"),
        ("/a%00b", "NUL"),
        ("/%C3%28", "UTF-8"),
        ("/a%2Fb", "encoded slash"),
        ("/a%2fb", "encoded slash"),
        ("relative", "start with"),
        ("/ok?x=%G1", "invalid percent-encoding"),
    ])
    func rejectsMalformedURIs(uri: String, reason: String) {
        #expect {
            _ = try Request(cgiParameters: ["REQUEST_METHOD": "GET", "REQUEST_URI": uri], body: [])
        } throws: { error in
            guard case WebError.invalidRequest(let message) = error else { return false }
            return message.contains(reason)
        }
    }

    @Test(arguments: ["", "G ET", "GET\r\n", "GET/"])
    func rejectsMalformedMethods(method: String) {
        #expect(throws: WebError.self) {
            _ = try Request(cgiParameters: ["REQUEST_METHOD": method, "REQUEST_URI": "/"], body: [])
        }
    }

    @Test func rejectsMissingMethodAndURI() {
        #expect(throws: WebError.self) { _ = try Request(cgiParameters: ["REQUEST_URI": "/"], body: []) }
        #expect(throws: WebError.self) { _ = try Request(cgiParameters: ["REQUEST_METHOD": "GET"], body: []) }
    }

    @Test(arguments: [
        (["REQUEST_ID": "0123456789abcdef0123456789abcdef"], "0123456789abcdef0123456789abcdef"),
        (["HTTP_X_REQUEST_ID": "client-id_1.2"], "client-id_1.2"),
        (["REQUEST_ID": "bad id\n", "HTTP_X_REQUEST_ID": "fallback"], "fallback"),
        (["HTTP_X_REQUEST_ID": "evil\r\nX-Injected: 1"], ""),
        (["HTTP_X_REQUEST_ID": String(repeating: "a", count: 65)], ""),
        ([:], ""),
    ])
    func requestIDSources(extra: [String: String], expected: String) throws {
        var parameters = ["REQUEST_METHOD": "GET", "REQUEST_URI": "/"]
        parameters.merge(extra) { $1 }
        #expect(try Request(cgiParameters: parameters, body: []).requestID == expected)
    }

    @Test func convenienceInitializerMatchesNginxShape() throws {
        let request = try Request(
            method: .post, uri: "/api/v1/auth/login?next=%2Fde%2F",
            headers: ["Content-Type": "application/json", "X-CSRF-Token": "t"], body: Array("{}".utf8),
            requestID: "abc")
        #expect(request.path == "/api/v1/auth/login")
        #expect(request.query("next") == "/de/")
        #expect(request.header("content-type") == "application/json")
        #expect(request.header("content-length") == "2")
        #expect(request.header("x-csrf-token") == "t")
        #expect(request.isSecure)
        #expect(request.requestID == "abc")
    }

    @Test func bodyDecoding() throws {
        let json = try Request(method: .post, uri: "/", body: Array(#"{"a":1}"#.utf8)).decodeJSON()
        #expect(json["a"] == 1)
        let form = try Request(method: .post, uri: "/", body: Array("email=a%40b.de&x=1".utf8)).decodeForm()
        #expect(form["email"] == "a@b.de")
        #expect(throws: WebError.self) { _ = try Request(method: .post, uri: "/", body: [0x7B]).decodeJSON() }
    }

    @Test func pathParametersAreSettable() throws {
        var request = try Request(method: .get, uri: "/orders/7")
        request.pathParameters = ["id": "7"]
        #expect(request.parameter("id") == "7")
        #expect(request.parameter("other") == nil)
    }
}
