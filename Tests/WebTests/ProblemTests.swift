import Testing

@testable import Web

@Suite struct ProblemTests {
    private func body(_ response: Response) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func rendersProblemJSON() {
        var problem = Problem.unprocessable(
            detail: "Some fields are invalid.",
            errors: [
                FieldError(pointer: "/email", detail: "must be an email address", code: "format"),
                FieldError(field: "country", detail: "is required"),
            ])
        problem.instance = "/api/v1/auth/register"
        problem.extensions = ["request_id": "abc", "status": 999]
        let response = Response.problem(problem)
        #expect(response.status == .unprocessableContent)
        #expect(response.headers["content-type"] == "application/problem+json")
        #expect(
            body(response)
                == #"{"type":"about:blank","title":"Unprocessable Content","status":422,"#
                + #""detail":"Some fields are invalid.","instance":"/api/v1/auth/register","#
                + #""errors":[{"pointer":"/email","detail":"must be an email address","code":"format"},"#
                + #"{"field":"country","detail":"is required"}],"request_id":"abc"}"#)
    }

    @Test func minimalProblemOmitsOptionalMembers() {
        #expect(body(.problem(.notFound())) == #"{"type":"about:blank","title":"Not Found","status":404}"#)
        #expect(
            body(.problem(.internal()))
                == #"{"type":"about:blank","title":"Internal Server Error","status":500}"#)
    }

    @Test func customTypeAndTitle() {
        let problem = Problem(
            status: .conflict, type: "https://codezero.example/problems/already-paid", title: "Already paid")
        #expect(problem.json["type"] == "https://codezero.example/problems/already-paid")
        #expect(problem.json["title"] == "Already paid")
    }

    @Test func methodNotAllowedCarriesAllow() {
        let response = Response.problem(.methodNotAllowed(allow: [.post, .get, .head, .get]))
        #expect(response.status.code == 405)
        #expect(response.headers["Allow"] == "GET, HEAD, POST")
        let rendered = String(decoding: response.cgiBytes(), as: UTF8.self)
        #expect(
            rendered.hasPrefix(
                "Status: 405 Method Not Allowed\r\nContent-Type: application/problem+json\r\n"
                    + "Allow: GET, HEAD, POST\r\n"))
    }

    @Test(
        arguments: [
            (Problem.badRequest(detail: "x"), 400, nil), (.unauthorized(), 401, nil), (.forbidden(), 403, nil),
            (.notFound(), 404, nil), (.conflict(), 409, nil), (.payloadTooLarge(limit: 1024), 413, nil),
            (.unsupportedMediaType(expected: "application/json"), 415, nil), (.unprocessable(errors: []), 422, nil),
            (.tooManyRequests(retryAfter: 30), 429, "30"), (.tooManyRequests(), 429, nil),
            (.serviceUnavailable(retryAfter: 5), 503, "5"), (.internal(), 500, nil),
        ] as [(Problem, Int, String?)])
    func constructors(problem: Problem, code: Int, retryAfter: String?) {
        let response = Response.problem(problem)
        #expect(response.status.code == code)
        #expect(response.headers["Retry-After"] == retryAfter)
        #expect(problem.json["status"]?.intValue == code)
        #expect(problem.json["title"]?.stringValue == HTTPStatus(code: code).reasonPhrase)
    }

    @Test func payloadTooLargeExplainsTheLimit() {
        #expect(Problem.payloadTooLarge(limit: 1024).detail == "The request body must not exceed 1024 bytes.")
    }

    @Test func pointersEscapeSpecialCharacters() {
        #expect(FieldError.pointer(["addons", "0", "quantity"]) == "/addons/0/quantity")
        #expect(FieldError.pointer(["a/b", "m~n"]) == "/a~1b/m~0n")
        #expect(FieldError.pointer([]) == "")
    }

    @Test func problemsCanBeThrown() {
        #expect(throws: Problem.notFound()) { throw Problem.notFound() }
    }
}
