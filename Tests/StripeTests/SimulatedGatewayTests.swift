import Testing
import Web

@testable import Stripe

@Suite struct SimulatedGatewayTests {
    let gateway = SimulatedGateway(now: { 1_767_225_600 })
    let request = CheckoutSessionRequest(
        lineItems: [.init(name: "5 Credits", unitAmount: 699, quantity: 2), .init(name: "Pass", unitAmount: 299)],
        clientReferenceID: "purchase_7", metadata: ["purchase_id": "7"], customerEmail: "a@b.de",
        successURL: "https://localhost:8443/de/checkout/erfolg?session_id={CHECKOUT_SESSION_ID}",
        cancelURL: "https://localhost:8443/de/checkout/abbruch")

    @Test func createEchoesTheRequestWithADerivedID() throws {
        let key = try IdempotencyKey(rowID: "purchase_7", operation: "checkout")
        let session = try gateway.createCheckoutSession(request, idempotencyKey: key)
        #expect(SimulatedGateway.isSimulated(session.id))
        #expect(session.status == .open)
        #expect(session.paymentStatus == .unpaid)
        #expect(session.amountTotal == 1697)
        #expect(session.currency == "eur")
        #expect(session.clientReferenceID == "purchase_7")
        #expect(session.metadata == ["purchase_id": "7"])
        #expect(session.customerEmail == "a@b.de")
        #expect(session.url == "https://localhost:8443/de/checkout/erfolg?session_id=\(session.id)")
        #expect(session.expiresAt == 1_767_225_600 + 86_400)
        #expect(try gateway.createCheckoutSession(request, idempotencyKey: key).id == session.id)
        let other = try IdempotencyKey(rowID: "purchase_7", operation: "checkout", attempt: 2)
        #expect(try gateway.createCheckoutSession(request, idempotencyKey: other).id != session.id)
    }

    @Test func completionProducesAPaidSessionAndAnEvent() throws {
        let session = try gateway.createCheckoutSession(request, idempotencyKey: try IdempotencyKey("k"))
        let paid = SimulatedGateway.completed(session)
        #expect(paid.isPaid && paid.status == .complete && paid.url == nil)
        #expect(paid.paymentIntentID?.hasPrefix("pi_sim_") == true)
        let event = SimulatedGateway.completionEvent(for: paid, eventID: "evt_sim_1", created: 5)
        let decoded = try StripeEvent.decode(event.json.serialized())
        #expect(decoded.knownType == .checkoutSessionCompleted)
        #expect(try decoded.checkoutSession() == paid)
    }

    @Test func retrieveAndExpireAcceptOnlySimulatedIDs() throws {
        let session = try gateway.createCheckoutSession(request, idempotencyKey: try IdempotencyKey("k"))
        #expect(try gateway.retrieveCheckoutSession(id: session.id).status == .open)
        #expect(
            try gateway.expireCheckoutSession(id: session.id, idempotencyKey: try IdempotencyKey("e")).status
                == .expired)
        for id in ["cs_test_a1YS1URlnyQC", "cs_test_sim_../../x", "cs_test_sim_" + String(repeating: "a", count: 23)] {
            #expect(throws: StripeError.self) { try gateway.retrieveCheckoutSession(id: id) }
        }
    }
}
