import Testing

@testable import Web

@Suite struct ResponseTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func rendersStatusHeadersLengthAndBody() {
        let response = Response.text("missing", status: .notFound)
        #expect(
            text(response.cgiBytes())
                == "Status: 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 7\r\n\r\nmissing"
        )
    }

    @Test func headKeepsContentLengthButOmitsBody() {
        let response = Response.html("<p>hi</p>")
        #expect(
            text(response.cgiBytes(includeBody: false))
                == "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 9\r\n\r\n")
    }

    @Test func jsonResponse() {
        let response = Response.json(["ok": true], status: .created)
        #expect(response.status == .created)
        #expect(response.headers["content-type"] == "application/json")
        #expect(text(response.body) == #"{"ok":true}"#)
    }

    @Test(arguments: [
        (Response.RedirectStatus.movedPermanently, 301), (.found, 302), (.seeOther, 303),
        (.temporaryRedirect, 307), (.permanentRedirect, 308),
    ])
    func redirects(kind: Response.RedirectStatus, code: Int) {
        let response = Response.redirect(to: "/de/", status: kind)
        #expect(response.status.code == code)
        #expect(response.headers["Location"] == "/de/")
        #expect(text(response.cgiBytes()).hasSuffix("Location: /de/\r\nContent-Length: 0\r\n\r\n"))
    }

    @Test(arguments: [
        ("X-Evil", "a\r\nSet-Cookie: admin=1"),
        ("X-Evil", "a\nb"),
        ("X-Evil", "a\rb"),
        ("X-Evil", "a\0b"),
        ("X-Evil\r\nInjected", "1"),
        ("Bad Name", "1"),
        ("", "1"),
    ])
    func dropsHeaderInjection(name: String, value: String) {
        var response = Response.text("ok")
        response.headers.add(name: name, value: value)
        #expect(
            text(response.cgiBytes())
                == "Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\nok")
    }

    @Test func tabIsAllowedInValues() {
        let response = Response(headers: ["X-Tab": "a\tb"])
        #expect(text(response.cgiBytes()).contains("X-Tab: a\tb\r\n"))
    }

    @Test func statusAndContentLengthCannotBeOverridden() {
        let response = Response(headers: ["Status": "200 OK", "content-length": "999"], body: [1, 2, 3])
        let rendered = text(response.cgiBytes())
        #expect(rendered.hasPrefix("Status: 200 OK\r\nContent-Length: 3\r\n\r\n"))
        #expect(!rendered.contains("999"))
    }

    @Test func bodilessStatuses() {
        let response = Response(status: .noContent, body: [1, 2])
        #expect(text(response.cgiBytes()) == "Status: 204 No Content\r\n\r\n")
        let notModified = Response(status: .notModified, headers: ["ETag": "\"x\""])
        #expect(text(notModified.cgiBytes()) == "Status: 304 Not Modified\r\nETag: \"x\"\r\n\r\n")
    }

    @Test func reasonPhraseInjectionIsReplaced() {
        let response = Response(status: HTTPStatus(code: 200, reasonPhrase: "OK\r\nX-Evil: 1"))
        #expect(text(response.cgiBytes()) == "Status: 200 OK\r\nContent-Length: 0\r\n\r\n")
    }

    @Test func setCookieAddsHeaders() throws {
        var response = Response()
        response.setCookie(try SetCookie(name: "__Host-session", value: "abc"))
        response.setCookie(try SetCookie.deletion(name: "old"))
        #expect(response.headers.values(for: "set-cookie").count == 2)
    }

    @Test func binaryBodyIsCopiedVerbatim() {
        let body: [UInt8] = [0, 13, 10, 255]
        let bytes = Response(body: body).cgiBytes()
        #expect(Array(bytes.suffix(4)) == body)
    }
}
