import Testing

@testable import Web

@Suite struct RouterTests {
    static let table: Router<String> = {
        var router = Router<String>()
        let routes: [(HTTPMethod, String, String)] = [
            (.get, "/", "root"),
            (.get, "/de/", "home-de"),
            (.get, "/de", "redirect-de"),
            (.get, "/healthz", "health"),
            (.get, "/api/v1/orders", "list-orders"),
            (.post, "/api/v1/orders", "create-order"),
            (.get, "/api/v1/orders/{id}", "show-order"),
            (.post, "/api/v1/orders/{id}/checkout", "checkout"),
            (.get, "/api/v1/orders/export", "export-orders"),
            (.delete, "/api/v1/auth/tokens/{id}", "delete-token"),
            (.get, "/a/b/c", "abc"),
            (.get, "/a/{x}/d", "axd"),
            (.get, "/files/{name}", "file"),
            (.head, "/files/{name}", "file-head"),
            (.options, "/api/v1/catalog", "catalog-options"),
            (.get, "/api/v1/catalog", "catalog"),
        ]
        for (method, pattern, name) in routes { try! router.add(method, pattern, name) }
        return router
    }()

    @Test(
        arguments: [
            (HTTPMethod.get, "/", "root", [:], "/"),
            (.get, "/de/", "home-de", [:], "/de/"),
            (.get, "/de", "redirect-de", [:], "/de"),
            (.get, "/api/v1/orders", "list-orders", [:], "/api/v1/orders"),
            (.post, "/api/v1/orders", "create-order", [:], "/api/v1/orders"),
            (.get, "/api/v1/orders/42", "show-order", ["id": "42"], "/api/v1/orders/{id}"),
            (.get, "/api/v1/orders/export", "export-orders", [:], "/api/v1/orders/export"),
            (.post, "/api/v1/orders/7/checkout", "checkout", ["id": "7"], "/api/v1/orders/{id}/checkout"),
            (.delete, "/api/v1/auth/tokens/tok_1", "delete-token", ["id": "tok_1"], "/api/v1/auth/tokens/{id}"),
            (.get, "/a/b/c", "abc", [:], "/a/b/c"),
            (.get, "/a/b/d", "axd", ["x": "b"], "/a/{x}/d"),
            (.get, "/files/ä b.txt", "file", ["name": "ä b.txt"], "/files/{name}"),
            (.head, "/healthz", "health", [:], "/healthz"),
            (.head, "/files/x", "file-head", ["name": "x"], "/files/{name}"),
        ] as [(HTTPMethod, String, String, [String: String], String)])
    func found(method: HTTPMethod, path: String, handler: String, parameters: [String: String], pattern: String) {
        guard
            case .found(let foundHandler, let foundParameters, let foundPattern) = Self.table.route(method, path: path)
        else {
            Issue.record("expected a match for \(method) \(path)")
            return
        }
        #expect(foundHandler == handler)
        #expect(foundParameters == parameters)
        #expect(foundPattern == pattern)
    }

    @Test(arguments: [
        "/nope", "/api/v1", "/api/v1/orders/", "/api/v1/orders/1/2", "/healthz/", "//", "", "de",
        "/api/v1/orders//checkout", "/a/b", "/a/b/c/d",
    ])
    func notFound(path: String) {
        guard case .notFound = Self.table.route(.get, path: path) else {
            Issue.record("expected 404 for \(path)")
            return
        }
    }

    @Test(
        arguments: [
            (HTTPMethod.delete, "/api/v1/orders", [HTTPMethod.get, .head, .post]),
            (.put, "/api/v1/orders/1", [.get, .head]),
            (.get, "/api/v1/orders/1/checkout", [.post]),
            (.head, "/api/v1/orders/1/checkout", [.post]),
            (.get, "/api/v1/auth/tokens/1", [.delete]),
            (.post, "/api/v1/catalog", [.get, .head, .options]),
            (.post, "/files/x", [.get, .head]),
            (HTTPMethod(rawValue: "get"), "/healthz", [.get, .head]),
        ] as [(HTTPMethod, String, [HTTPMethod])])
    func methodNotAllowed(method: HTTPMethod, path: String, allowed: [HTTPMethod]) {
        guard case .methodNotAllowed(let foundAllowed) = Self.table.route(method, path: path) else {
            Issue.record("expected 405 for \(method) \(path)")
            return
        }
        #expect(foundAllowed == allowed)
    }

    @Test(arguments: [
        ("orders", "must start with '/'"),
        ("/a/{id", "malformed parameter"),
        ("/a/id}", "braces inside"),
        ("/a/{}", "malformed parameter"),
        ("/a/{1x}", "malformed parameter"),
        ("/a/x{id}", "braces inside"),
        ("/z/{id}/{id}", "appears twice"),
        ("/api/v1/orders/{order}", "conflicts with {id}"),
        ("/api/v1/orders", "already registered"),
    ])
    func invalidPatterns(pattern: String, reason: String) {
        var router = Self.table
        #expect {
            try router.add(.get, pattern, "x")
        } throws: { error in
            guard case WebError.invalidRoute(let failed, let message) = error else { return false }
            return failed == pattern && message.contains(reason)
        }
    }

    @Test func listsRoutesInRegistrationOrder() {
        #expect(Self.table.routes.count == 16)
        #expect(Self.table.routes.first?.pattern == "/")
        #expect(Self.table.routes.last?.method == .get)
    }

    @Test func worksWithClosureHandlers() throws {
        var router = Router<@Sendable (Request) -> Response>()
        try router.add(.get, "/hello/{name}") { request in .text("hi \(request.parameter("name") ?? "")") }
        guard case .found(let handler, let parameters, _) = router.route(.get, path: "/hello/ada") else {
            Issue.record("no match")
            return
        }
        var request = try Request(method: .get, uri: "/hello/ada")
        request.pathParameters = parameters
        #expect(handler(request).body == Array("hi ada".utf8))
    }
}
