import Domain
import Foundation
import Glibc
import Logging
import Postgres
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// Issue #11, single usage events: the requests a worker finds waiting beside a usage request are stored together —
/// one statement and one transaction for every batch that can be (`UsageGroup`) — and each is answered exactly as it
/// would have been alone.
@Suite(.serialized) struct UsageGroupTests {
    /// A FastCGI request as nginx sends it for `client`'s POST of `json`, or its GET of `uri`.
    static func request(_ client: TestClient, _ method: String, _ uri: String, json: JSON? = nil) -> [UInt8] {
        var headers: [String: String] = [:]
        if let bearer = client.bearer { headers["Authorization"] = "Bearer \(bearer)" }
        let body = json.map { $0.serialized() } ?? []
        let parameters = TestApplication.parameters(
            method, uri, headers: headers, contentType: json == nil ? nil : "application/json",
            contentLength: body.isEmpty ? nil : body.count)
        return FastCGITestClient().request(
            parameters: parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, stdin: body)
    }

    /// Queues `requests` on a fresh socket first, then starts a pool worker's loop (accepting itself, as under
    /// `codezero serve`) on it: the first request finds the others waiting. Returns each request's answer.
    static func serveQueued(_ application: Application, _ requests: [[UInt8]]) throws -> [Response] {
        let listener = try UnixListener()
        let connections = try requests.map { try listener.connectAndSend($0) }
        defer { connections.forEach { close($0) } }
        var logger = Logger(label: "codezero.test.group")
        logger.logLevel = .critical
        let loop = try WorkerLoop(
            application: application, logger: logger, listeningDescriptor: listener.descriptor, acceptingItself: true)
        let box = LoopBox(loop)
        let stopped = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.thread = pthread_self()
            // Threads started from the test's (libdispatch's) thread inherit its mask, which blocks signals.
            var mask = sigset_t()
            sigemptyset(&mask)
            sigaddset(&mask, SIGURG)
            pthread_sigmask(SIG_UNBLOCK, &mask, nil)
            started.signal()
            _ = box.loop.run()
            stopped.signal()
        }
        started.wait()
        let answers = try connections.map { connection -> Response in
            let reply = try #require(FastCGITestClient.decode(UnixListener.readAll(connection)))
            return try LiveWorker.response(cgi: reply.stdout)
        }
        // A worker accepting itself waits in epoll_wait, which neither a shut-down nor a closed socket wakes: a signal
        // does (its handler without SA_RESTART), and its next accept fails on the descriptor, now no socket (ENOTSOCK),
        // which ends the loop. (The listener closes the descriptor, /dev/null by then, when it goes.)
        shutdown(listener.descriptor, Int32(SHUT_RDWR))
        let null = open("/dev/null", O_RDONLY)
        dup2(null, listener.descriptor)
        close(null)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGURG, &action, nil)
        repeat {
            pthread_kill(box.thread, SIGURG)
        } while stopped.wait(timeout: .now() + .milliseconds(100)) == .timedOut
        return answers
    }

    private final class LoopBox: @unchecked Sendable {
        let loop: WorkerLoop
        var thread = pthread_t()
        init(_ loop: WorkerLoop) { self.loop = loop }
    }

    static func event(_ id: String, metric: String = "assistant_minutes") -> JSON {
        UsageIngestStatementTests.event(id, "1.5", metric: metric)
    }

    static func stored(_ connection: PostgresConnection) throws -> [String: (company: String, xact: Int)] {
        var result: [String: (company: String, xact: Int)] = [:]
        for row in try connection.query("SELECT company_id::text AS c, event_id, xact FROM usage_events") {
            result[try row.string("event_id")] = (try row.string("c"), try row.int("xact"))
        }
        return result
    }

    @Test func waitingBatchesAreStoredInOneTransactionAndEachAnsweredAsAlone() throws {
        let harness = try BillingHarness()
        let (firstSession, first) = UsageRoutesTests.apiClient(harness, "group-one@example.com")
        let (secondSession, second) = UsageRoutesTests.apiClient(harness, "group-two@example.com")
        let (_, revoked) = UsageRoutesTests.apiClient(harness, "group-revoked@example.com")
        let connection = harness.database.connect()
        // Each token's first request counts its budget and keeps the rest taken ahead (the usual way).
        for (client, id) in [(first, "a-0"), (second, "b-0"), (revoked, "c-0")] {
            #expect(client.send("POST", "/api/v1/usage", json: ["events": [Self.event(id)]]).status == .accepted)
        }
        try connection.execute(
            "UPDATE api_tokens SET revoked_at = now() WHERE user_id = (SELECT id FROM users WHERE email = 'group-revoked@example.com')"
        )
        let answers = try Self.serveQueued(
            harness.application,
            [
                Self.request(first, "POST", "/api/v1/usage", json: ["events": [Self.event("a-1")]]),
                Self.request(
                    second, "POST", "/api/v1/usage", json: ["events": [Self.event("b-1"), Self.event("b-2")]]),
                Self.request(first, "GET", "/healthz"),
                Self.request(
                    first, "POST", "/api/v1/usage",
                    json: ["events": [Self.event("a-bad-1"), Self.event("a-bad-2", metric: "no_such_metric")]]),
                Self.request(revoked, "POST", "/api/v1/usage", json: ["events": [Self.event("c-1")]]),
                Self.request(first, "POST", "/api/v1/usage", json: ["events": [Self.event("a-1"), Self.event("a-2")]]),
                Self.request(second, "POST", "/api/v1/usage", json: ["events": [Self.event("b-0")]]),
            ])
        #expect(answers.map(\.status.code) == [202, 202, 200, 422, 401, 202, 202])
        #expect(answers[0].json["accepted"] == 1)
        #expect(answers[1].json["accepted"] == 2)
        #expect(
            answers[3].json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } == ["/events/1/metric"])
        #expect(answers[4].json["detail"] == "The bearer token is not valid.")
        // A later request of the group sees what an earlier one stored: a-1 counts once, for the first.
        #expect(answers[5].json["accepted"] == 1)
        #expect(answers[5].json["duplicates"] == 1)
        #expect(answers[6].json["accepted"] == 0)
        #expect(answers[6].json["duplicates"] == 1)
        let events = try Self.stored(connection)
        #expect(Set(events.keys) == ["a-0", "b-0", "c-0", "a-1", "b-1", "b-2", "a-2"])
        let firstCompany = UsageRoutesTests.companyID(firstSession)
        let secondCompany = UsageRoutesTests.companyID(secondSession)
        #expect(["a-0", "a-1", "a-2"].allSatisfy { events[$0]?.company == firstCompany })
        #expect(["b-0", "b-1", "b-2"].allSatisfy { events[$0]?.company == secondCompany })
        // Stored together: the group's events share one transaction, apart from those stored the usual way before.
        let groupTransaction = try #require(events["a-1"]?.xact)
        #expect(["b-1", "b-2", "a-2"].allSatisfy { events[$0]?.xact == groupTransaction })
        #expect(events["a-0"]?.xact != groupTransaction)
    }

    @Test func aUsageRequestAloneOrWithoutBudgetTakenAheadTakesTheUsualWay() throws {
        let harness = try BillingHarness()
        let (_, first) = UsageRoutesTests.apiClient(harness, "alone@example.com")
        let (_, second) = UsageRoutesTests.apiClient(harness, "fresh@example.com")
        let connection = harness.database.connect()
        #expect(first.send("POST", "/api/v1/usage", json: ["events": [Self.event("x-0")]]).status == .accepted)
        // Alone: nothing waits beside it.
        let alone = try Self.serveQueued(
            harness.application, [Self.request(first, "POST", "/api/v1/usage", json: ["events": [Self.event("x-1")]])])
        #expect(alone.map(\.status.code) == [202])
        // With one whose token has no budget taken ahead yet: only one can be grouped, so neither is.
        let pair = try Self.serveQueued(
            harness.application,
            [
                Self.request(first, "POST", "/api/v1/usage", json: ["events": [Self.event("x-2")]]),
                Self.request(second, "POST", "/api/v1/usage", json: ["events": [Self.event("y-1")]]),
            ])
        #expect(pair.map(\.status.code) == [202, 202])
        // A small batch starts a group, but a large one beside it would pass the group's limit of events: not joined.
        #expect(second.send("POST", "/api/v1/usage", json: ["events": [Self.event("y-2")]]).status == .accepted)
        func batch(_ client: TestClient, _ prefix: String, _ count: Int) -> [UInt8] {
            Self.request(
                client, "POST", "/api/v1/usage",
                json: ["events": .array((1...count).map { Self.event("\(prefix)\($0)") })])
        }
        let overLimit = try Self.serveQueued(harness.application, [batch(first, "x-s", 30), batch(second, "y-l", 80)])
        #expect(overLimit.map { $0.json["accepted"] } == [30, 80])
        // A large batch (over 4 KiB) starts no group, though a single event beside it would fit.
        let largeFirst = try Self.serveQueued(harness.application, [batch(first, "x-l", 60), batch(second, "y-s", 1)])
        #expect(largeFirst.map { $0.json["accepted"] } == [60, 1])
        let events = try Self.stored(connection)
        #expect(events.count == 5 + 30 + 80 + 60 + 1)
        #expect(events["x-2"]?.xact != events["y-1"]?.xact)
        #expect(events["x-s1"]?.xact != events["y-l1"]?.xact)
        #expect(events["x-l1"]?.xact != events["y-s1"]?.xact)
    }
}

/// Issue #16, webhook ingestion: Stripe webhooks a worker finds waiting together are stored in one statement and one
/// transaction (`WebhookGroup`), each answered exactly as alone.
@Suite(.serialized) struct WebhookGroupTests {
    static func webhook(
        _ event: StripeEvent, secret: String = BillingHarness.webhookSecret
    ) -> (
        request: [UInt8], body: [UInt8]
    ) {
        let body = event.json.serialized()
        var parameters = TestApplication.parameters(
            "POST", "/api/v1/billing/webhook", contentType: "application/json", contentLength: body.count)
        parameters["HTTP_STRIPE_SIGNATURE"] = WebhookSignature.sign(
            payload: body, secret: secret, timestamp: WebhookSignature.currentTime())
        let request = FastCGITestClient().request(
            parameters: parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, stdin: body)
        return (request, body)
    }

    @Test func waitingWebhooksAreStoredInOneTransactionEachOnceAndAnsweredAsAlone() throws {
        let harness = try BillingHarness()
        let connection = harness.database.connect()
        let events = (1...4).map {
            harness.event(
                .checkoutSessionCompleted, session: "cs_group_\($0)", purchase: nil, amount: 100, id: "evt_group_\($0)")
        }
        #expect(harness.deliver(events[3]).status == .ok)
        let first = Self.webhook(events[0])
        let answers = try UsageGroupTests.serveQueued(
            harness.application,
            [
                first.request, Self.webhook(events[1]).request, first.request,
                Self.webhook(events[2], secret: "whsec_wrong").request, Self.webhook(events[3]).request,
                UsageGroupTests.request(TestClient(harness.application), "GET", "/healthz"),
            ])
        #expect(answers.map(\.status.code) == [200, 200, 200, 400, 200, 200])
        #expect(answers.prefix(5).map { $0.json["duplicate"] } == [false, false, true, nil, true])
        var stored: [String: (payload: String, transaction: String)] = [:]
        for row in try connection.query("SELECT id, payload::text AS p, xmin::text AS x FROM stripe_events") {
            stored[try row.string("id")] = (try row.string("p"), try row.string("x"))
        }
        #expect(Set(stored.keys) == ["evt_group_1", "evt_group_2", "evt_group_4"])
        #expect(stored["evt_group_1"]?.payload == String(decoding: first.body, as: UTF8.self))
        // Stored together: one transaction for the group's new events, another for the one delivered before.
        #expect(stored["evt_group_1"]?.transaction == stored["evt_group_2"]?.transaction)
        #expect(stored["evt_group_1"]?.transaction != stored["evt_group_4"]?.transaction)
    }
}
