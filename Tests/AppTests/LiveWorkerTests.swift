import Testing
import Web

@testable import App

/// The harness's live mode really crosses a FastCGI socket to a worker loop.
@Suite struct LiveWorkerTests {
    @Test func aFastCGIClientsRequestsAreServedByTheWorkerLoop() throws {
        let application = try TestApplication.make()
        let client = try TestClient(application, over: .fastCGI)
        let missing = client.send("GET", "/api/v1/no-such-route")
        #expect(missing.status == .notFound)
        #expect(missing.headers["Content-Type"] == "application/problem+json")
        #expect(missing.json["status"] == .int(404))
        let posted = client.send("POST", "/api/v1/no-such-route", json: ["a": "b"])
        #expect(posted.status == .notFound)
        // Only the worker loop counts served requests (after answering: stopping it waits for the count).
        client.worker?.stop()
        #expect(application.services.requestsServed == 2)
        _ = TestClient(application).send("GET", "/api/v1/no-such-route")
        #expect(application.services.requestsServed == 2)
    }

    @Test func theCGIOutputIsParsedIntoAResponse() throws {
        let bytes = Array(
            "Status: 201 Created\r\nContent-Type: text/plain\r\nX-A: 1\r\nContent-Length: 2\r\n\r\nok".utf8)
        let response = try LiveWorker.response(cgi: bytes)
        #expect(response.status == .created)
        #expect(response.headers["Content-Type"] == "text/plain" && response.headers["X-A"] == "1")
        #expect(response.headers["Content-Length"] == nil)
        #expect(response.body == Array("ok".utf8))
        #expect(throws: (any Error).self) { try LiveWorker.response(cgi: Array("Status: 200 OK\r\n".utf8)) }
    }
}
