import Testing
import Web

@testable import Stripe

@Suite struct StripeEventTests {
    @Test(arguments: try Fixtures.eventFiles())
    func everyFixtureEventDecodes(_ file: String) throws {
        let raw = try Fixtures.json(file)
        let event = try StripeEvent.decode(try Fixtures.bytes(file))
        #expect(event.id == raw["id"]?.stringValue)
        #expect(event.type == raw["type"]?.stringValue)
        #expect(event.created == raw["created"]?.int64Value)
        #expect(event.livemode == false)
        #expect(event.apiVersion == "2026-08-26.dahlia")
        #expect(event.object == raw["data"]?["object"])
        #expect(event.objectID == raw["data"]?["object"]?["id"]?.stringValue)
        #expect(event.previousAttributes == raw["data"]?["previous_attributes"])
        if event.type.hasPrefix("checkout.session.") {
            #expect(event.knownType?.carriesCheckoutSession == true)
            #expect(try event.checkoutSession().id.hasPrefix("cs_test_"))
        } else {
            #expect(throws: StripeError.self) { try event.checkoutSession() }
        }
    }

    @Test(arguments: [
        (
            "events/checkout.session.completed.paid.json", "cs_test_storefront_0001", CheckoutSession.Status.complete,
            CheckoutSession.PaymentStatus.paid, "order_0001"
        ),
        ("events/checkout.session.completed.unpaid.json", "cs_test_storefront_0002", .complete, .unpaid, "order_0002"),
        (
            "events/checkout.session.async_payment_succeeded.json", "cs_test_storefront_0002", .complete, .paid,
            "order_0002"
        ),
        (
            "events/checkout.session.async_payment_failed.json", "cs_test_storefront_0002", .complete, .unpaid,
            "order_0002"
        ),
        ("events/checkout.session.expired.json", "cs_test_storefront_0003", .expired, .unpaid, "order_0003"),
    ])
    func checkoutSessionEventsAreTyped(
        file: String, id: String, status: CheckoutSession.Status, payment: CheckoutSession.PaymentStatus, order: String
    ) throws {
        let session = try StripeEvent.decode(try Fixtures.bytes(file)).checkoutSession()
        #expect(session.id == id)
        #expect(session.status == status)
        #expect(session.paymentStatus == payment)
        #expect(session.isPaid == (payment == .paid))
        #expect(session.clientReferenceID == order)
        #expect(session.metadata == ["order_id": order])
        #expect(session.amountTotal == 5000)
        #expect(session.currency == "eur")
        #expect(session.mode == .payment)
    }

    @Test func unknownTypesDecodeGenerically() throws {
        let body =
            #"{"id":"evt_1","object":"event","type":"radar.early_fraud_warning.created","created":1,"livemode":true,"data":{"object":{"object":"radar.early_fraud_warning","id":"issfr_1"}}}"#
        let event = try StripeEvent.decode(Array(body.utf8))
        #expect(event.knownType == nil)
        #expect(event.objectType == "radar.early_fraud_warning")
        #expect(event.apiVersion == nil)
        #expect(event.livemode)
    }

    @Test(arguments: [
        ("", "not JSON"),
        ("[]", "is not an object"),
        (#"{"object":"event"}"#, "id is missing"),
        (
            #"{"id":"evt_1","object":"charge","type":"x","created":1,"livemode":false,"data":{"object":{}}}"#,
            "not event"
        ),
        (#"{"id":"ch_1","object":"event","type":"x","created":1,"livemode":false,"data":{"object":{}}}"#, "event id"),
        (
            #"{"id":"evt_1","object":"event","type":7,"created":1,"livemode":false,"data":{"object":{}}}"#,
            "type is not a string"
        ),
        (
            #"{"id":"evt_1","object":"event","type":"","created":1,"livemode":false,"data":{"object":{}}}"#,
            "type is empty"
        ),
        (
            #"{"id":"evt_1","object":"event","type":"x","created":"1","livemode":false,"data":{"object":{}}}"#,
            "created is not an integer"
        ),
        (
            #"{"id":"evt_1","object":"event","type":"x","created":1.5,"livemode":false,"data":{"object":{}}}"#,
            "created is not an integer"
        ),
        (
            #"{"id":"evt_1","object":"event","type":"x","created":1,"livemode":"no","data":{"object":{}}}"#,
            "livemode is not a boolean"
        ),
        (#"{"id":"evt_1","object":"event","type":"x","created":1,"livemode":false}"#, "data is missing"),
        (
            #"{"id":"evt_1","object":"event","type":"x","created":1,"livemode":false,"data":{}}"#,
            "data.object is missing"
        ),
        (
            #"{"id":"evt_1","object":"event","type":"x","created":1,"livemode":false,"data":{"object":[]}}"#,
            "data.object is not an object"
        ),
        (
            #"{"id":"evt_1","object":"event","type":"x","created":1,"livemode":false,"api_version":3,"data":{"object":{}}}"#,
            "api_version"
        ),  // Issue #17: a NUL or a line break in an id, type or version never reaches storage or a log line.
        (
            #"{"id":"evt_1\u0000","object":"event","type":"x","created":1,"livemode":false,"data":{"object":{}}}"#,
            "event id"
        ),
        (
            #"{"id":"evt_1\n2","object":"event","type":"x","created":1,"livemode":false,"data":{"object":{}}}"#,
            "event id"
        ),
        (
            #"{"id":"evt_1","object":"event","type":"x\u0000","created":1,"livemode":false,"data":{"object":{}}}"#,
            "not an event type"
        ),
        (
            #"{"id":"evt_1","object":"event","type":"x","created":1,"livemode":false,"api_version":"2025\r\n","data":{"object":{}}}"#,
            "api_version"
        ),
    ])
    func malformedEventsAreRejectedWithTheField(body: String, fragment: String) {
        do {
            _ = try StripeEvent.decode(Array(body.utf8))
            Issue.record("decoded \(body)")
        } catch {
            guard case .invalidPayload(let reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(reason.contains(fragment), "\(reason)")
        }
    }

    @Test func theEnvelopeRoundTrips() throws {
        let original = try StripeEvent.decode(try Fixtures.bytes("events/customer.subscription.updated.json"))
        #expect(try StripeEvent(json: original.json) == original)
    }
}
