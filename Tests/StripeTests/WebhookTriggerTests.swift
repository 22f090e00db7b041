import TestSupport
import Testing
import Web

@testable import Stripe

@Suite struct WebhookTriggerTests {
    static let secrets = ["whsec_test_new_secret", "whsec_test_old_secret"]

    @Test func aTriggeredEventArrivesSignedAsStripeSignsIt() throws {
        let receiver = try StripeWebhookReceiver()
        let session = try StripeEvent.decode(try Fixtures.bytes("events/checkout.session.completed.paid.json"))
            .checkoutSession()
        let event = WebhookTrigger.sampleEvent(
            .checkoutSessionCompleted, session: session, eventID: "evt_test_trigger_1", created: 9)
        let trigger = WebhookTrigger(url: receiver.url, secrets: Self.secrets)
        let delivery = try trigger.post(event, timestamp: 1_767_225_600)
        #expect(delivery.status == 200)

        let received = try #require(receiver.deliveries.first)
        #expect(received.path == "/api/v1/billing/webhook")
        #expect(received.headers["content-type"] == "application/json; charset=utf-8")
        #expect(received.headers["stripe-signature"] == delivery.signatureHeader)
        #expect(delivery.signatureHeader.split(separator: ",").filter { $0.hasPrefix("v1=") }.count == 2)
        for secret in Self.secrets {
            let verifier = try WebhookSignature(secrets: [secret])
            try verifier.verify(
                payload: received.body, header: received.headers["stripe-signature"], now: 1_767_225_600)
        }
        let decoded = try StripeEvent.decode(received.body)
        #expect(decoded == event)
        #expect(try decoded.checkoutSession() == session)
    }

    @Test func theEndpointsStatusIsReported() throws {
        let receiver = try StripeWebhookReceiver(status: 400)
        let delivery = try WebhookTrigger(url: receiver.url, secrets: ["whsec_x"]).post(body: Array("{}".utf8))
        #expect(delivery.status == 400)
        #expect(receiver.deliveries.count == 1)
    }
}
