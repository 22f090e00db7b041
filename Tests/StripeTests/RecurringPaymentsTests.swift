import Foundation
import TestSupport
import Testing
import Web

@testable import Stripe

/// Customers, setup-mode Checkout, setup intents and off-session PaymentIntents: the client against the stand-in
/// over real HTTP (real parameter names, refused unknown ones), and the simulated gateway.
@Suite(.serialized) struct RecurringPaymentsTests {
    static func setupRequest(customer: String) -> CheckoutSessionRequest {
        CheckoutSessionRequest(
            mode: .setup, lineItems: [], clientReferenceID: "sub_1", metadata: ["subscription_id": "sub_1"],
            successURL: "https://localhost:8443/de/checkout/success?session_id={CHECKOUT_SESSION_ID}",
            cancelURL: "https://localhost:8443/de/checkout/cancel", locale: .de,
            allowedPaymentMethodTypes: ["card", "sepa_debit"], customer: customer, currency: "eur",
            setupIntentMetadata: ["subscription_id": "sub_1"])
    }

    static func charge(_ customer: String, method: String, amount: Int64 = 58_310) -> PaymentIntentRequest {
        PaymentIntentRequest(
            amount: amount, currency: "eur", customer: customer, paymentMethod: method, description: "CZ-2026-000001",
            metadata: ["invoice_id": "inv_1", "attempt": "1"])
    }

    @Test func setupModeCheckoutSavesAMethodForTheCompanysCustomer() throws {
        let standIn = try StripeStandIn()
        let client = try StripeAPIClientTests.client(standIn)
        let customer = try client.createCustomer(
            CustomerRequest(
                name: "Beispiel GmbH", email: "buyer@example.de", preferredLocales: ["de"],
                metadata: ["company_id": "c1"]),
            idempotencyKey: try IdempotencyKey("company_c1-customer-v1"))
        #expect(customer.id.hasPrefix("cus_") && customer.name == "Beispiel GmbH")
        #expect(customer.metadata == ["company_id": "c1"])
        #expect(
            standIn.requests.last?.body
                == "name=Beispiel+GmbH&email=buyer%40example.de&preferred_locales[0]=de&metadata[company_id]=c1")

        let request = Self.setupRequest(customer: customer.id)
        let session = try client.createCheckoutSession(request, idempotencyKey: try IdempotencyKey("sub_1-setup-v1"))
        #expect(session.mode == .setup && session.customerID == customer.id && session.amountTotal == nil)
        let body = try #require(standIn.requests.last).form
        #expect(body["mode"] == "setup" && body["currency"] == "eur" && body["customer"] == customer.id)
        #expect(body["allowed_payment_method_types[1]"] == "sepa_debit")
        #expect(body["setup_intent_data[metadata][subscription_id]"] == "sub_1")
        #expect(body["line_items[0][quantity]"] == nil)

        let intentID = try #require(standIn.markSetUp(session.id, paymentMethod: "pm_card_visa"))
        let completed = try client.retrieveCheckoutSession(id: session.id)
        #expect(completed.status == .complete && completed.paymentStatus == .noPaymentRequired)
        #expect(completed.setupIntentID == intentID && completed.isPaid)
        let setup = try client.retrieveSetupIntent(id: intentID)
        #expect(setup.status == .succeeded && setup.paymentMethodID == "pm_card_visa")
        #expect(setup.customerID == customer.id && setup.metadata == ["subscription_id": "sub_1"])
    }

    @Test func offSessionChargesSucceedAreDeclinedOrProcess() throws {
        let standIn = try StripeStandIn()
        let client = try StripeAPIClientTests.client(standIn)
        let customer = try client.createCustomer(
            CustomerRequest(name: "Beispiel GmbH"), idempotencyKey: try IdempotencyKey("company_c2-customer-v1"))

        let paid = try client.createPaymentIntent(
            Self.charge(customer.id, method: "pm_card_visa"), idempotencyKey: try IdempotencyKey("invoice-1-pi-v1"))
        #expect(paid.status == .succeeded && paid.amount == 58_310 && paid.currency == "eur")
        #expect(paid.metadata == ["attempt": "1", "invoice_id": "inv_1"])
        let sent = try #require(standIn.requests.last)
        #expect(sent.header("Idempotency-Key") == "invoice-1-pi-v1")
        #expect(sent.form["off_session"] == "true" && sent.form["confirm"] == "true")
        #expect(sent.form["payment_method"] == "pm_card_visa" && sent.form["customer"] == customer.id)

        // The same key and body: Stripe replays the first intent instead of charging twice.
        let replay = try client.createPaymentIntent(
            Self.charge(customer.id, method: "pm_card_visa"), idempotencyKey: try IdempotencyKey("invoice-1-pi-v1"))
        #expect(replay == paid)
        #expect(standIn.paymentIntents.count == 1)

        let declined = try client.createPaymentIntent(
            Self.charge(customer.id, method: "pm_card_chargeDeclined"),
            idempotencyKey: try IdempotencyKey("invoice-2-pi-v1"))
        #expect(declined.status == .requiresPaymentMethod && declined.failureCode == "card_declined")

        let debit = try client.createPaymentIntent(
            Self.charge(customer.id, method: "pm_sepa_debit"), idempotencyKey: try IdempotencyKey("invoice-3-pi-v1"))
        #expect(debit.status == .processing)
        standIn.settlePaymentIntent(debit.id, succeeded: true)
        #expect(try client.retrievePaymentIntent(id: debit.id).status == .succeeded)
    }

    @Test func theStandInRefusesUnknownParameterNames() throws {
        let standIn = try StripeStandIn()
        let client = try StripeAPIClientTests.client(standIn)
        #expect(throws: StripeError.self) {
            _ = try client.send(
                "POST", "/v1/payment_intents", body: "amount=100&currency=eur&payment_method_types[0]=card",
                idempotencyKey: try IdempotencyKey("x-1"))
        }
        let refusal = try #require(standIn.requests.last)
        #expect(refusal.path == "/v1/payment_intents")
        do {
            _ = try client.send(
                "POST", "/v1/customers", body: "nme=Beispiel", idempotencyKey: try IdempotencyKey("x-2"))
            Issue.record("an unknown customer parameter was accepted")
        } catch {
            #expect(
                error
                    == .api(
                        type: "invalid_request_error", code: "parameter_unknown",
                        message: "Received unknown parameter: nme", param: "nme", status: 400))
        }
        do {
            _ = try client.send(
                "POST", "/v1/payment_intents", body: "currency=eur", idempotencyKey: try IdempotencyKey("x-3"))
            Issue.record("a payment intent without amount was accepted")
        } catch {
            #expect(
                error
                    == .api(
                        type: "invalid_request_error", code: "parameter_missing",
                        message: "Missing required param: amount.",
                        param: "amount", status: 400))
        }
        // Every parameter the client sends is a real one.
        for body in [
            Self.charge("cus_x", method: "pm_card_visa").formBody,
            CustomerRequest(name: "A", email: "a@example.de", preferredLocales: ["de"], metadata: ["k": "v"]).formBody,
        ] {
            let form = try FormData(parsing: body)
            let call = body.hasPrefix("amount") ? "POST /v1/payment_intents" : "POST /v1/customers"
            let list = try #require(try StripeStandInParameters.bundledCalls()[call])
            for field in form { #expect(list.type(of: field.name) != nil, "\(field.name)") }
        }
        let setup = Self.setupRequest(customer: "cus_x").formFields
        for field in setup { #expect(standIn.parameters.type(of: field.name) != nil, "\(field.name)") }
    }

    @Test func simulatedChargesFollowTheTestPaymentMethods() throws {
        let gateway = SimulatedGateway(now: { 1_767_225_600 })
        let customer = try gateway.createCustomer(
            CustomerRequest(name: "A"), idempotencyKey: try IdempotencyKey("company_1-customer-v1"))
        #expect(customer.id.hasPrefix("cus_sim_"))
        let key = try IdempotencyKey("invoice-1-pi-v1")
        let paid = try gateway.createPaymentIntent(
            Self.charge(customer.id, method: "pm_card_visa"), idempotencyKey: key)
        #expect(paid.status == .succeeded)
        #expect(
            try gateway.createPaymentIntent(Self.charge(customer.id, method: "pm_card_visa"), idempotencyKey: key).id
                == paid.id)
        let declined = try gateway.createPaymentIntent(
            Self.charge(customer.id, method: "pm_card_chargeDeclined"),
            idempotencyKey: try IdempotencyKey("invoice-1-pi-v2"))
        #expect(declined.status == .requiresPaymentMethod && declined.failureCode == "card_declined")
        #expect(declined.id != paid.id)
        let debit = try gateway.createPaymentIntent(
            Self.charge(customer.id, method: "pm_sepa_debit"), idempotencyKey: try IdempotencyKey("invoice-1-pi-v3"))
        #expect(debit.status == .processing)
    }

    @Test func paymentIntentEventsDecodeAndRoundTrip() throws {
        let intent = PaymentIntent(
            id: "pi_123", status: .requiresPaymentMethod, amount: 58_310, currency: "eur", customerID: "cus_1",
            paymentMethodID: "pm_card_chargeDeclined", metadata: ["invoice_id": "i1", "attempt": "2"],
            failureCode: "card_declined", failureMessage: "Your card was declined.")
        let event = StripeEvent(
            id: "evt_1", type: StripeEventType.paymentIntentPaymentFailed.rawValue, created: 1, object: intent.json)
        let decoded = try StripeEvent.decode(event.json.serialized())
        #expect(decoded.knownType == .paymentIntentPaymentFailed)
        #expect(try decoded.paymentIntent() == intent)
        let fixture = try JSON.parse(
            [UInt8](
                try Data(contentsOf: URL(fileURLWithPath: StripeStandInParameters.fixturePath("payment_intent.json")))))
        let upstream = try PaymentIntent(json: fixture)
        #expect(upstream.id.hasPrefix("pi_"))
        let setup = SetupIntent(id: "seti_1", status: .succeeded, customerID: "cus_1", paymentMethodID: "pm_1")
        #expect(try SetupIntent(json: setup.json) == setup)
        #expect(throws: StripeError.self) { _ = try PaymentIntent(json: setup.json) }
    }
}
