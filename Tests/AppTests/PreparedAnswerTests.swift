import Testing
import Web

@testable import App

/// A route's prepared answer (issue #16): the bytes the worker sends for a plain GET without parsing or routing are
/// the bytes the full way renders, and everything else still takes the full way.
@Suite struct PreparedAnswerTests {
    @Test func everyPreparedAnswerIsWhatItsRouteAnswers() throws {
        let application = try TestApplication.make()
        #expect(application.routes.preparedAnswers.map(\.pattern).contains("/healthz"))
        for answer in application.routes.preparedAnswers {
            let outcome = application.respond(
                parameters: TestApplication.parameters("GET", answer.pattern), body: [], bodyTooLarge: false)
            #expect(outcome.route == answer.pattern)
            #expect(outcome.response.status.code == answer.status)
            #expect(outcome.response.cgiBytes() == answer.bytes)
        }
    }

    @Test func onlyAPlainGetOfTheExactPathIsAnsweredPrepared() throws {
        let application = try TestApplication.make()
        func prepared(_ parameters: [String: String]) -> String? {
            var pattern: String?
            CGIParameters(parameters).withRequestLine { pattern = application.preparedAnswer(for: $0)?.pattern }
            return pattern
        }
        let plain = ["REQUEST_METHOD": "GET", "REQUEST_URI": "/healthz", "QUERY_STRING": ""]
        #expect(prepared(plain) == "/healthz")
        #expect(prepared(plain.merging(["QUERY_STRING": "x"]) { $1 }) == nil)
        #expect(prepared(plain.merging(["REQUEST_URI": "/healthz?x"]) { $1 }) == nil)
        #expect(prepared(plain.merging(["REQUEST_URI": "/healthz?"]) { $1 }) == nil)
        #expect(prepared(plain.merging(["REQUEST_URI": "/healthz#top"]) { $1 }) == nil)
        #expect(prepared(plain.merging(["REQUEST_URI": "/health%7A"]) { $1 }) == nil)
        #expect(prepared(plain.merging(["REQUEST_URI": "/healthz/"]) { $1 }) == nil)
        #expect(prepared(plain.merging(["REQUEST_URI": "/HEALTHZ"]) { $1 }) == nil)
        #expect(prepared(["REQUEST_METHOD": "GET", "DOCUMENT_URI": "/healthz"]) == nil)
        for method in ["HEAD", "POST", "get", "GETX", ""] {
            #expect(prepared(plain.merging(["REQUEST_METHOD": method]) { $1 }) == nil, "\(method)")
        }
    }

    @Test func theWorkerSendsThePreparedBytesAndTheFullAnswerForEverythingElse() throws {
        let application = try TestApplication.make()
        let worker = try LiveWorker(application: application)
        defer { worker.stop() }
        let answer = try #require(application.routes.preparedAnswers.first { $0.pattern == "/healthz" })
        let plain = TestApplication.parameters("GET", "/healthz")
        #expect(try worker.sendRaw(parameters: plain, body: []) == answer.bytes)
        #expect(try worker.sendRaw(parameters: plain, body: Array("ignored".utf8)) == answer.bytes)
        let others: [(parameters: [String: String], tooLarge: Bool)] = [
            (TestApplication.parameters("GET", "/healthz?probe=1"), false),
            (TestApplication.parameters("GET", "/health%7A"), false),
            (TestApplication.parameters("GET", "/health%zz"), false),
            (TestApplication.parameters("HEAD", "/healthz"), false),
            (TestApplication.parameters("POST", "/healthz"), false),
            (TestApplication.parameters("GET", "/healthz/"), false),
            (TestApplication.parameters("GET", "/healthz", contentLength: 1 << 40), true),
        ]
        for other in others {
            let overTheWire = try worker.sendRaw(parameters: other.parameters, body: [])
            let outcome = application.respond(parameters: other.parameters, body: [], bodyTooLarge: other.tooLarge)
            let expected = outcome.response.cgiBytes(includeBody: outcome.includeBody)
            #expect(
                overTheWire == expected,
                "\(other.parameters["REQUEST_METHOD"] ?? "") \(other.parameters["REQUEST_URI"] ?? "")")
        }
        let statuses = try others.map {
            try LiveWorker.response(cgi: worker.sendRaw(parameters: $0.parameters, body: [])).status.code
        }
        #expect(statuses == [200, 200, 400, 200, 405, 404, 413])
    }
}
