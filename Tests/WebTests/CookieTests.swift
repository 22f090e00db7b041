import Testing

@testable import Web

@Suite struct CookieTests {
    @Test(arguments: [
        ("a=1", [Cookie(name: "a", value: "1")]),
        ("a=1; b=2", [Cookie(name: "a", value: "1"), Cookie(name: "b", value: "2")]),
        ("a=1;b=2;", [Cookie(name: "a", value: "1"), Cookie(name: "b", value: "2")]),
        ("  a= 1 ;\tb=\"quoted\"", [Cookie(name: "a", value: "1"), Cookie(name: "b", value: "quoted")]),
        // Issue #17: a name with white space before `=` is no cookie (nginx's cache maps would not see it).
        ("cz_consent =v1:none; a\t=1; b c=2; d=3", [Cookie(name: "d", value: "3")]),
        ("a=; =x; novalue; b=c=d", [Cookie(name: "a", value: ""), Cookie(name: "b", value: "c=d")]),
        ("a=1; a=2", [Cookie(name: "a", value: "1"), Cookie(name: "a", value: "2")]),
        ("", []),
    ])
    func parsing(header: String, expected: [Cookie]) {
        #expect(Cookie.parse(header: header) == expected)
    }

    /// The former `Character`-wise parser, as the reference for the byte-wise one.
    static func referenceParse(_ header: String) -> [Cookie] {
        var cookies: [Cookie] = []
        for pair in header.split(separator: ";", omittingEmptySubsequences: true) {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            var name = pair[..<equals]
            while let first = name.first, first == " " || first == "\t" { name.removeFirst() }
            let token = Set("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
            guard !name.isEmpty, name.allSatisfy({ token.contains($0) }) else { continue }
            var value = pair[pair.index(after: equals)...]
            while let first = value.first, first == " " || first == "\t" { value.removeFirst() }
            while let last = value.last, last == " " || last == "\t" { value.removeLast() }
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
            cookies.append(Cookie(name: String(name), value: String(value)))
        }
        return cookies
    }

    /// Random headers over the characters that matter (delimiters, blanks, quotes, a non-token byte, multibyte
    /// letters): the byte-wise parser and the named look-up agree with the reference on every one.
    @Test func agreesWithTheCharacterWiseParser() {
        let alphabet: [String] = ["a", "b", "_", ";", "=", " ", "\t", "\"", "ü", "€", "x", "1", "(", ","]
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for _ in 0..<5000 {
            func text(_ count: ClosedRange<Int>) -> String {
                (0..<Int.random(in: count, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                    .joined()
            }
            // Half free text, half pairs of random names and values (most of them cookies).
            let header =
                Bool.random(using: &generator)
                ? text(0...24)
                : (0..<Int.random(in: 1...4, using: &generator)).map { _ in text(1...2) + "=" + text(0...4) }
                    .joined(separator: ["; ", ";", ";\t", " ; "].randomElement(using: &generator)!)
            let expected = Self.referenceParse(header)
            #expect(Cookie.parse(header: header) == expected, "\(header.debugDescription)")
            for name in ["a", "b", "_", "ab", "x1", "ü"] {
                #expect(
                    Cookie.value(named: name, in: header) == expected.first { $0.name == name }?.value,
                    "\(name) in \(header.debugDescription)")
            }
            checked += expected.count
        }
        #expect(checked > 1000, "the generator makes headers with cookies")
    }

    @Test func firstCookieOfANameWins() throws {
        let request = try Request(method: .get, uri: "/", headers: ["Cookie": "a=specific; a=general"])
        #expect(request.cookie("a") == "specific")
    }

    @Test func rendersEveryAttribute() throws {
        let cookie = try SetCookie(
            name: "pref", value: "de", path: "/de", domain: "example.com", maxAge: 3600,
            expires: HTTPDate(secondsSince1970: 784_111_777), secure: true, httpOnly: false, sameSite: .strict)
        #expect(
            cookie.headerValue
                == "pref=de; Path=/de; Domain=example.com; Max-Age=3600; Expires=Sun, 06 Nov 1994 08:49:37 GMT; "
                + "Secure; SameSite=Strict")
    }

    @Test func safeDefaults() throws {
        let cookie = try SetCookie(name: "__Host-session", value: "abc")
        #expect(cookie.headerValue == "__Host-session=abc; Path=/; Secure; HttpOnly; SameSite=Lax")
    }

    @Test func deletion() throws {
        let cookie = try SetCookie.deletion(name: "__Host-session")
        #expect(
            cookie.headerValue
                == "__Host-session=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; "
                + "SameSite=Lax")
    }

    @Test func minimalCookie() throws {
        let cookie = try SetCookie(name: "a", value: "b", path: nil, secure: false, httpOnly: false, sameSite: nil)
        #expect(cookie.headerValue == "a=b")
    }

    @Test func hostPrefixRules() {
        #expect(throws: WebError.self) { try SetCookie(name: "__Host-s", value: "v", secure: false) }
        #expect(throws: WebError.self) { try SetCookie(name: "__Host-s", value: "v", path: "/app") }
        #expect(throws: WebError.self) { try SetCookie(name: "__Host-s", value: "v", path: nil) }
        #expect(throws: WebError.self) { try SetCookie(name: "__Host-s", value: "v", domain: "example.com") }
        #expect(throws: WebError.self) { try SetCookie(name: "__Secure-s", value: "v", secure: false) }
        #expect(throws: Never.self) { try SetCookie(name: "__Secure-s", value: "v", path: "/x", domain: "a.de") }
    }

    @Test(arguments: [
        ("bad name", "v"), ("a;b", "v"), ("", "v"), ("ok", "a b"), ("ok", "a;b"), ("ok", "a,b"),
        ("ok", "a\"b"), ("ok", "a\\b"), ("ok", "a\r\nb"), ("ok", "ä"),
    ])
    func rejectsInvalidNamesAndValues(name: String, value: String) {
        #expect(throws: WebError.self) { try SetCookie(name: name, value: value) }
    }

    @Test func rejectsInvalidAttributes() {
        #expect(throws: WebError.self) { try SetCookie(name: "a", value: "b", path: "/x;Domain=evil") }
        #expect(throws: WebError.self) { try SetCookie(name: "a", value: "b", path: "") }
        #expect(throws: WebError.self) { try SetCookie(name: "a", value: "b", domain: "evil.com; Secure") }
        #expect(throws: WebError.self) { try SetCookie(name: "a", value: "b", maxAge: -1) }
        #expect(throws: WebError.self) {
            try SetCookie(name: "a", value: "b", secure: false, sameSite: SetCookie.SameSite.none)
        }
        #expect(throws: Never.self) {
            try SetCookie(name: "a", value: "b", secure: true, sameSite: SetCookie.SameSite.none)
        }
    }
}

@Suite struct HTTPDateTests {
    @Test(
        arguments: [
            (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
            (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
            (1_700_000_000, "Tue, 14 Nov 2023 22:13:20 GMT"),
            (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
            (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        ] as [(Int64, String)])
    func imfFixdate(seconds: Int64, expected: String) {
        #expect(HTTPDate(secondsSince1970: seconds).description == expected)
    }
}

@Suite struct HTTPHeadersTests {
    @Test func caseInsensitiveOrderedMultiValue() {
        var headers: HTTPHeaders = ["Vary": "Cookie", "Content-Type": "text/html"]
        headers.add(name: "vary", value: "Accept-Language")
        #expect(headers["VARY"] == "Cookie")
        #expect(headers.values(for: "Vary") == ["Cookie", "Accept-Language"])
        #expect(headers.contains("content-type"))
        headers.replaceOrAdd(name: "VARY", value: "Origin")
        #expect(headers.values(for: "vary") == ["Origin"])
        #expect(headers.map(\.name) == ["VARY", "Content-Type"])
        headers.remove(name: "content-TYPE")
        #expect(headers.count == 1)
        headers.replaceOrAdd(name: "X-New", value: "1")
        #expect(headers.map(\.name) == ["VARY", "X-New"])
    }

    @Test func mergeReplacesNames() {
        var headers: HTTPHeaders = ["Allow": "GET", "X-Keep": "1"]
        headers.merge(["allow": "GET, POST", "Retry-After": "5"])
        #expect(headers.values(for: "Allow") == ["GET, POST"])
        #expect(headers["x-keep"] == "1")
        #expect(headers["retry-after"] == "5")
    }

    @Test func statusEqualityIgnoresReason() {
        #expect(HTTPStatus(code: 404, reasonPhrase: "Nope") == .notFound)
        #expect(HTTPStatus(code: 413).reasonPhrase == "Content Too Large")
        #expect(HTTPStatus(code: 299).reasonPhrase == "Success")
        #expect(HTTPStatus.notFound.description == "404 Not Found")
    }

    @Test func methods() {
        #expect(HTTPMethod.get.rawValue == "GET")
        #expect(HTTPMethod(rawValue: "get") != .get)
        #expect([HTTPMethod.post, .delete, .get].sorted() == [.delete, .get, .post])
        #expect(HTTPMethod.head.isSafe && !HTTPMethod.post.isSafe)
    }
}
