import Foundation
import Logging
import TestSupport
import Testing
import Web

@testable import Stripe

/// The client against the stand-in over real HTTP.
@Suite(.serialized) struct StripeAPIClientTests {
    static let request = CheckoutSessionRequest(
        lineItems: [.init(name: "10 Credits", description: "Code Zero", unitAmount: 1299, taxBehavior: .exclusive)],
        clientReferenceID: "purchase_1", metadata: ["purchase_id": "1"], customerEmail: "buyer@example.de",
        successURL: "https://localhost:8443/de/checkout/erfolg?session_id={CHECKOUT_SESSION_ID}",
        cancelURL: "https://localhost:8443/de/checkout/abbruch", locale: .de, expiresAt: 1_767_229_200)

    static func client(
        _ standIn: StripeStandIn, key: String? = nil, version: String = StripeConfiguration.pinnedAPIVersion,
        attempt: Double = 2, total: Double = 4, retries: Int = 2, breaker: CircuitBreaker.Policy = .init()
    ) throws -> StripeAPIClient {
        let configuration = StripeConfiguration(
            secretKey: key ?? standIn.secretKey, apiBase: standIn.baseURL, apiVersion: version, connectTimeout: 1,
            attemptTimeout: attempt, totalTimeout: total,
            retry: RetryPolicy(
                maximumRetries: retries, initialBackoff: 0.05, maximumBackoff: 0.2, minimumAttemptTime: 0.2),
            breaker: breaker)
        return try StripeAPIClient(
            configuration: configuration, logger: Logger(label: "test.stripe") { _ in SwiftLogNoOpLogHandler() })
    }

    static func key(_ value: String = "purchase_1-checkout-v1") throws(StripeError) -> IdempotencyKey {
        try IdempotencyKey(value)
    }

    @Test func createRetrieveAndExpireSpeakTheWireFormat() throws {
        let standIn = try StripeStandIn()
        let client = try Self.client(standIn)
        let session = try client.createCheckoutSession(Self.request, idempotencyKey: try Self.key())
        #expect(session.id.hasPrefix("cs_test_"))
        #expect(session.status == .open && session.paymentStatus == .unpaid)
        #expect(session.amountTotal == 1299 && session.currency == "eur")
        #expect(session.clientReferenceID == "purchase_1" && session.metadata == ["purchase_id": "1"])
        #expect(session.url?.hasPrefix("https://checkout.stripe.com/") == true)
        let sent = try #require(standIn.requests.first)
        #expect(sent.method == "POST" && sent.path == "/v1/checkout/sessions")
        #expect(sent.header("Authorization") == "Bearer \(standIn.secretKey)")
        #expect(sent.header("Stripe-Version") == "2026-10-28.endive")
        #expect(sent.header("Idempotency-Key") == "purchase_1-checkout-v1")
        #expect(sent.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(sent.body == Self.request.formBody)

        #expect(try client.retrieveCheckoutSession(id: session.id) == session)
        standIn.markPaid(session.id)
        let paid = try client.retrieveCheckoutSession(id: session.id)
        #expect(paid.isPaid && paid.status == .complete && paid.paymentIntentID != nil)
        #expect(standIn.requests.last?.method == "GET" && standIn.requests.last?.header("Idempotency-Key") == nil)

        let other = try client.createCheckoutSession(
            Self.request, idempotencyKey: try Self.key("purchase_1-checkout-v2"))
        let expired = try client.expireCheckoutSession(
            id: other.id, idempotencyKey: try Self.key("purchase_1-expire-v1"))
        #expect(expired.status == .expired && expired.id == other.id)
        #expect(throws: StripeError.self) {
            try client.expireCheckoutSession(id: session.id, idempotencyKey: try Self.key("purchase_1-expire-v2"))
        }
        #expect(
            throws: StripeError.api(
                type: "invalid_request_error", code: "resource_missing",
                message: "No such checkout.session: 'cs_test_nope'",
                param: "session", status: 404)
        ) { try client.retrieveCheckoutSession(id: "cs_test_nope") }
        #expect(throws: StripeError.unknownSession("cs_../x")) { try client.retrieveCheckoutSession(id: "cs_../x") }
        #expect(client.breakerState == .closed(failures: 0))
    }

    @Test func anUnknownParameterIsRejectedLikeStripeDoesAndNotRetried() throws {
        let standIn = try StripeStandIn()
        let client = try Self.client(standIn)
        let body = "mode=payment&line_items[0][price_data][nme]=x"
        #expect(
            throws: StripeError.api(
                type: "invalid_request_error", code: "parameter_unknown",
                message: "Received unknown parameter: line_items[0][price_data][nme]",
                param: "line_items[0][price_data][nme]", status: 400)
        ) {
            try client.send("POST", "/v1/checkout/sessions", body: body, idempotencyKey: try Self.key())
        }
        #expect(standIn.requests.count == 1)
        #expect(client.breakerState == .closed(failures: 0))
    }

    @Test func fiveHundredsAreRetriedWithTheSameIdempotencyKey() throws {
        let standIn = try StripeStandIn()
        let client = try Self.client(standIn)
        standIn.failNext(1, with: .status(500))
        standIn.failNext(1, with: .closeConnection)
        let session = try client.createCheckoutSession(Self.request, idempotencyKey: try Self.key())
        let requests = standIn.requests
        #expect(requests.count == 3)
        #expect(Set(requests.map { $0.header("Idempotency-Key") }) == ["purchase_1-checkout-v1"])
        #expect(Set(requests.map(\.body)).count == 1)
        #expect(standIn.session(session.id) != nil)
    }

    @Test func aReplayReturnsTheFirstSessionAndAChangedBodyIsAnIdempotencyError() throws {
        let standIn = try StripeStandIn()
        let client = try Self.client(standIn)
        let first = try client.createCheckoutSession(Self.request, idempotencyKey: try Self.key())
        #expect(try client.createCheckoutSession(Self.request, idempotencyKey: try Self.key()) == first)
        var changed = Self.request
        changed.lineItems[0].quantity = 2
        do {
            _ = try client.createCheckoutSession(changed, idempotencyKey: try Self.key())
            Issue.record("a changed body with the same key was accepted")
        } catch {
            guard case .api(let type, _, _, _, let status) = error else { Issue.record("\(error)"); return }
            #expect(type == "idempotency_error" && status == 400)
        }
        #expect(standIn.requests.count == 3)
    }

    @Test(arguments: [(StripeStandInFault.status(500, shouldRetry: false), 500), (.status(400, shouldRetry: nil), 400)])
    func failuresThatMustNotBeRetriedAreNot(fault: StripeStandInFault, status: Int) throws {
        let standIn = try StripeStandIn()
        let client = try Self.client(standIn)
        standIn.failNext(1, with: fault)
        #expect(throws: StripeError.self) {
            try client.createCheckoutSession(Self.request, idempotencyKey: try Self.key())
        }
        #expect(standIn.requests.count == 1)
    }

    @Test func aWrongKeyOrVersionIsRefusedWithoutRetrying() throws {
        let standIn = try StripeStandIn()
        for client in [
            try Self.client(standIn, key: "sk_test_wrong"), try Self.client(standIn, version: "2026-08-26.dahlia"),
        ] {
            do {
                _ = try client.createCheckoutSession(Self.request, idempotencyKey: try Self.key())
                Issue.record("accepted")
            } catch {
                guard case .api(let type, _, _, _, let status) = error else { Issue.record("\(error)"); continue }
                #expect(type == "invalid_request_error" && [400, 401].contains(status))
                #expect(!error.description.contains("sk_test_wrong"))
            }
        }
        #expect(standIn.requests.count == 2)
    }

    @Test func aHangingStripeFailsWithinTheDeadline() throws {
        let standIn = try StripeStandIn()
        let client = try Self.client(standIn, attempt: 0.4, total: 1.2)
        standIn.failNext(10, with: .hang(seconds: 3))
        let start = Date()
        #expect(throws: StripeError.timeout) {
            try client.createCheckoutSession(Self.request, idempotencyKey: try Self.key())
        }
        let elapsed = Date().timeIntervalSince(start)
        // Each hang lasts 3 s: finishing well before that proves the deadline, with slack for a loaded machine.
        #expect(elapsed < 2.5, "took \(elapsed) s")
        #expect(standIn.requests.count >= 2)
        #expect(client.breakerState == .closed(failures: 1))
    }

    @Test func theBreakerOpensAfterRepeatedFailuresAndFailsFast() throws {
        let standIn = try StripeStandIn()
        let client = try Self.client(standIn, retries: 0, breaker: .init(failureThreshold: 2, coolDown: 0.3))
        standIn.failNext(100, with: .status(503))
        for _ in 0..<2 {
            #expect(throws: StripeError.self) { try client.retrieveCheckoutSession(id: "cs_test_x") }
        }
        guard case .open = client.breakerState else { Issue.record("breaker \(client.breakerState)"); return }
        let start = Date()
        #expect(throws: StripeError.unavailable) { try client.retrieveCheckoutSession(id: "cs_test_x") }
        // No request reached Stripe (the count proves it); the bound only rules out a wait for a timeout or a
        // back-off, with slack for scheduling delays on a loaded CI machine.
        #expect(Date().timeIntervalSince(start) < 0.5)
        #expect(standIn.requests.count == 2)

        standIn.clearFaults()
        Thread.sleep(forTimeInterval: 0.35)
        _ = try client.createCheckoutSession(Self.request, idempotencyKey: try Self.key())
        #expect(client.breakerState == .closed(failures: 0))
    }

    @Test func anUnreachableStripeIsANetworkError() throws {
        let standIn = try StripeStandIn()
        let client = try Self.client(standIn)
        standIn.stop()
        Thread.sleep(forTimeInterval: 0.2)
        do {
            _ = try client.retrieveCheckoutSession(id: "cs_test_x")
            Issue.record("a stopped stand-in answered")
        } catch {
            #expect(error.isOutage)
        }
        #expect(client.breakerState == .closed(failures: 1))
    }

    @Test func theClientRefusesAnInvalidConfiguration() {
        #expect(throws: StripeError.self) {
            try StripeAPIClient(
                configuration: StripeConfiguration(secretKey: "sk_test_a", apiBase: "http://api.stripe.com"),
                logger: Logger(label: "test"))
        }
    }
}

/// The stand-in's own checks of values, through the client's raw `send`.
@Suite struct StripeStandInValueTests {
    @Test(
        arguments: [
            ("mode=payment&expires_at=soon", "parameter_invalid_integer"),
            ("mode=payment&automatic_tax[enabled]=yes", nil),
            ("mode=donation", nil),
            ("locale=xx", nil),
            ("automatic_tax=1", nil),
            ("metadata=x", nil),
        ] as [(String, String?)])
    func badValuesAreRejected(body: String, code: String?) throws {
        let standIn = try StripeStandIn()
        let client = try StripeAPIClientTests.client(standIn)
        do {
            _ = try client.send("POST", "/v1/checkout/sessions", body: body, idempotencyKey: try IdempotencyKey("k"))
            Issue.record("accepted \(body)")
        } catch {
            guard case .api(let type, let actual, _, let param, let status) = error else {
                Issue.record("\(error)"); return
            }
            #expect(type == "invalid_request_error" && status == 400 && actual == code && param != nil)
        }
    }

    @Test func anEmptyMetadataValueIsAccepted() throws {
        let standIn = try StripeStandIn()
        let client = try StripeAPIClientTests.client(standIn)
        let body = try client.send(
            "POST", "/v1/checkout/sessions", body: "mode=payment&metadata=&success_url=https%3A%2F%2Fx",
            idempotencyKey: try IdempotencyKey("k"))
        #expect(try CheckoutSession.decode(body).metadata.isEmpty)
    }
}
