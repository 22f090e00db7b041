import Testing
import Web

@testable import Stripe

@Suite struct CheckoutSessionTests {
    @Test func theUpstreamFixtureDecodes() throws {
        let session = try CheckoutSession.decode(try Fixtures.bytes("checkout.session.json"))
        #expect(session.id == "cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY")
        #expect(session.status == .open)
        #expect(session.paymentStatus == .unpaid)
        #expect(session.mode == .payment)
        #expect(session.clientReferenceID == nil)
        #expect(session.amountTotal == nil)
        #expect(session.currency == nil)
        #expect(session.customerEmail == "example@example.com")
        #expect(session.metadata.isEmpty)
        #expect(
            session.url
                == "https://checkout.stripe.com/pay/c/cs_test_a1YS1URlnyQCN5fUUduORoQ7Pw41PJqDWkIVQCpJPqkfIhd6tVY8XB1OLY"
        )
        #expect(session.expiresAt == 1_234_567_890)
        #expect(!session.livemode)
        #expect(!session.isPaid)
    }

    @Test func theGoldenCreateResponseDecodes() throws {
        let session = try CheckoutSession.decode(try Fixtures.bytes("golden/checkout_session_create.response.json"))
        #expect(session.id == "cs_test_capture_1")
        #expect(session.clientReferenceID == "order_0001")
        #expect(session.paymentIntentID == "pi_1PgafyB7WZ01zgkWSjxsAJo3")
    }

    @Test func anExpandedPaymentIntentGivesItsID() throws {
        var object = try #require(try Fixtures.json("checkout.session.json").objectValue)
        object["payment_intent"] = ["id": "pi_123", "object": "payment_intent"]
        #expect(try CheckoutSession(json: .object(object)).paymentIntentID == "pi_123")
    }

    @Test func theJSONFormRoundTrips() throws {
        let session = CheckoutSession(
            id: "cs_test_1", status: .complete, paymentStatus: .noPaymentRequired, mode: .subscription,
            clientReferenceID: "p_1", amountTotal: 0, amountSubtotal: 100, currency: "eur", customerEmail: "a@b.de",
            metadata: ["a": "1", "b": "2"], url: nil, expiresAt: 2, created: 1, paymentIntentID: nil, livemode: true)
        #expect(try CheckoutSession(json: session.json) == session)
        #expect(session.isPaid)
    }

    @Test(arguments: [
        ("object", JSON.string("charge"), "not checkout.session"),
        ("id", .string("ch_1"), "checkout session id"),
        ("id", .int(1), "id is not a string"),
        ("status", .string("pending"), "unknown value pending"),
        ("payment_status", .null, "payment_status is not a string"),
        ("mode", .string("donation"), "unknown value donation"),
        ("amount_total", .string("5000"), "amount_total is not an integer"),
        ("amount_total", .double(50.5), "amount_total is not an integer"),
        ("metadata", JSON.object(["order_id": .int(1)]), "metadata.order_id is not a string"),
        ("metadata", .array([]), "metadata is not an object"),
        ("customer_details", .string("x"), "customer_details is not an object"),
        ("expires_at", .null, "expires_at is not an integer"),
        ("livemode", .int(0), "livemode is not a boolean"),
        ("payment_intent", .int(5), "payment_intent is not a string"),
    ])
    func illTypedFieldsAreNamed(field: String, value: JSON, fragment: String) throws {
        var object = try #require(try Fixtures.json("checkout.session.json").objectValue)
        object[field] = value
        do {
            _ = try CheckoutSession(json: .object(object))
            Issue.record("decoded with \(field) = \(value)")
        } catch {
            guard case .invalidPayload(let reason) = error else { Issue.record("wrong error \(error)"); return }
            #expect(reason.contains(fragment), "\(reason)")
        }
    }

    @Test(arguments: ["id", "object", "status", "payment_status", "mode", "expires_at", "livemode"])
    func requiredFieldsMustBePresent(field: String) throws {
        var object = try #require(try Fixtures.json("checkout.session.json").objectValue)
        object[field] = nil
        #expect(throws: StripeError.invalidPayload("checkout.session.\(field) is missing")) {
            try CheckoutSession(json: .object(object))
        }
    }
}
