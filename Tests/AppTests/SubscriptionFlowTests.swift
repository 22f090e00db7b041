import Domain
import Foundation
import Logging
import Postgres
import Stripe
import TestSupport
import Testing
import Web

@testable import App

/// Subscriptions end to end in-process: start (setup-mode Checkout, mock mode and the Stripe stand-in), the first
/// invoice issued and charged, collection through `payment_intent.*` webhooks, dunning with retries after 3, 7 and
/// 14 days (a fake clock: the collection run takes its time), cancellation and plan changes, and bad input.
@Suite(.serialized) struct SubscriptionFlowTests {
    static let day: Int64 = 86_400

    /// Runs the clock-driven collection as of `asOf`.
    static func collect(_ harness: BillingHarness, asOf: Int64) throws -> CollectDueSubscriptions.Summary {
        let connection = harness.database.connect()
        defer { connection.close() }
        var logger = Logger(label: "test.subscriptions")
        logger.logLevel = .critical
        let billing = BillingServices(configuration: harness.configuration, logger: logger)
        let shell = try SubscriptionServices.shell(
            configuration: harness.configuration, gateway: { () throws(StripeError) in try billing.gateway() },
            connection: connection, logger: logger)
        return try CollectDueSubscriptions(connection: connection, shell: shell).run(asOf: asOf)
    }

    static func start(
        _ buyer: TestClient, plan: String = "assistant_starter", addons: JSON = []
    ) throws -> (subscription: String, session: String) {
        let started = buyer.send("POST", "/api/v1/subscriptions", json: ["plan_id": .string(plan), "addons": addons])
        #expect(started.status == .created, "\(started.json)")
        return (
            try #require(started.json["subscription_id"]?.stringValue),
            try #require(started.json["session_id"]?.stringValue)
        )
    }

    static func complete(_ buyer: TestClient, session: String, method: String) -> Response {
        buyer.send(
            "POST", "/api/v1/billing/checkout/complete",
            json: ["session_id": .string(session), "payment_method": .string(method)])
    }

    static func query(_ harness: BillingHarness, _ sql: PostgresQuery) throws -> [PostgresRow] {
        Array(try harness.database.connect().query(sql))
    }

    static func invoices(_ harness: BillingHarness, _ subscription: String) throws -> [(status: String, gross: Int)] {
        try query(
            harness,
            """
            SELECT status, gross_cents FROM invoices WHERE subscription_id = \(subscription)::uuid
            ORDER BY service_start
            """
        ).map { (try $0.string("status"), try $0.int("gross_cents")) }
    }

    static func payments(
        _ harness: BillingHarness, _ subscription: String
    ) throws -> [(
        attempt: Int, status: String, intent: String
    )] {
        try query(
            harness,
            """
            SELECT attempt, status, payment_intent_id FROM subscription_payments
            WHERE subscription_id = \(subscription)::uuid ORDER BY created_at, id
            """
        ).map { (try $0.int("attempt"), try $0.string("status"), try $0.string("payment_intent_id")) }
    }

    static func mails(_ harness: BillingHarness, _ subscription: String) throws -> [String] {
        try query(
            harness,
            """
            SELECT event FROM subscription_events WHERE subscription_id = \(subscription)::uuid
              AND event LIKE 'mail.%' ORDER BY id
            """
        ).map { try $0.string("event") }
    }

    static func outbox(_ harness: BillingHarness, _ recipient: String) throws -> Int {
        try query(
            harness,
            """
            SELECT count(*)::bigint AS n FROM mail_outbox
            WHERE template = 'subscription-notice' AND recipient = \(recipient)
            """)[0].int("n")
    }

    static func intentEvent(
        _ type: StripeEventType, intent: String, amount: Int, subscription: String, invoice: String, attempt: Int
    ) -> StripeEvent {
        let object = PaymentIntent(
            id: intent, status: type == .paymentIntentSucceeded ? .succeeded : .requiresPaymentMethod,
            amount: Int64(amount), currency: "eur", paymentMethodID: "pm_sepa_debit",
            metadata: ["invoice_id": invoice, "subscription_id": subscription, "attempt": "\(attempt)"],
            failureCode: type == .paymentIntentSucceeded ? nil : "payment_method_not_available")
        return StripeEvent(
            id: "evt_" + String(UInt64.random(in: 0...UInt64.max), radix: 36), type: type.rawValue,
            created: WebhookSignature.currentTime(), apiVersion: StripeConfiguration.pinnedAPIVersion,
            object: object.json)
    }

    @Test func aCardSubscriptionStartsActiveWithItsFirstInvoicePaid() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let (subscription, session) = try Self.start(buyer, addons: [["id": "extra_users", "quantity": 2]])
        let listed = buyer.send("GET", "/api/v1/subscriptions").json["subscriptions"]?[0]
        #expect(listed?["status"] == "INCOMPLETE" && listed?["current_period_start"] == .null)

        let completed = Self.complete(buyer, session: session, method: "pm_card_visa")
        #expect(completed.status == .ok && completed.json["status"] == "ACTIVE", "\(completed.json)")
        // Repeating the completion changes nothing.
        #expect(Self.complete(buyer, session: session, method: "pm_card_visa").json["status"] == "ACTIVE")
        // 490 € + 2 × 90 € net, 19 % VAT: 670 € + 127.30 € = 797.30 €, paid by one PaymentIntent.
        #expect(try Self.invoices(harness, subscription).map(\.gross) == [79_730])
        #expect(try Self.invoices(harness, subscription).map(\.status) == ["PAID"])
        #expect(try Self.payments(harness, subscription).map(\.status) == ["SUCCEEDED"])

        let detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["status"] == "ACTIVE" && detail["payment_method_saved"] == .bool(true))
        let start = try #require(detail["current_period_start"]?.stringValue)
        #expect(start.hasSuffix("T00:00:00Z"))
        #expect(
            detail["history"]?.arrayValue?.compactMap { $0["event"]?.stringValue }.prefix(2) == [
                "subscription.created", "setup.completed",
            ])
        // Another company sees nothing of it.
        let other = harness.buyer("bernd@example.com")
        #expect(other.send("GET", "/api/v1/subscriptions/\(subscription)").status == .notFound)
        #expect(other.send("POST", "/api/v1/subscriptions/\(subscription)/cancel", json: [:]).status == .notFound)
        #expect(other.send("GET", "/api/v1/subscriptions").json["subscriptions"] == .array([]))
        #expect(Self.complete(other, session: session, method: "pm_card_visa").status == .notFound)
    }

    @Test func test_processes_payment_succeeded_webhook() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let (subscription, session) = try Self.start(buyer)
        #expect(Self.complete(buyer, session: session, method: "pm_sepa_debit").json["status"] == "ACTIVE")
        // SEPA Direct Debit: the charge is processing until Stripe says otherwise.
        #expect(try Self.invoices(harness, subscription).map(\.status) == ["OPEN"])
        let payment = try #require(try Self.payments(harness, subscription).first)
        #expect(payment.status == "PROCESSING" && payment.intent.hasPrefix("pi_sim_"))
        let invoice = try Self.query(
            harness, "SELECT id::text FROM invoices WHERE subscription_id = \(subscription)::uuid")[0].string("id")

        let event = Self.intentEvent(
            .paymentIntentSucceeded, intent: payment.intent, amount: 58_310, subscription: subscription,
            invoice: invoice, attempt: 1)
        #expect(harness.deliver(event).status == .ok)
        #expect(harness.deliver(event).status == .ok)
        try harness.runJobs()
        #expect(try Self.invoices(harness, subscription).map(\.status) == ["PAID"])
        #expect(try Self.payments(harness, subscription).map(\.status) == ["SUCCEEDED"])
        // A late failure for the same intent changes nothing.
        harness.deliver(
            Self.intentEvent(
                .paymentIntentPaymentFailed, intent: payment.intent, amount: 58_310, subscription: subscription,
                invoice: invoice, attempt: 1))
        try harness.runJobs()
        #expect(buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["status"] == "ACTIVE")
        #expect(try Self.mails(harness, subscription).isEmpty)
    }

    @Test func failedDebitsGoPastDueAndAPaymentLaterMakesItActive() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let (subscription, session) = try Self.start(buyer)
        _ = Self.complete(buyer, session: session, method: "pm_sepa_debit")
        let invoice = try Self.query(
            harness, "SELECT id::text FROM invoices WHERE subscription_id = \(subscription)::uuid")[0].string("id")
        let now = Int64(Date().timeIntervalSince1970)

        func settle(_ type: StripeEventType, attempt: Int) throws {
            let intent = try #require(try Self.payments(harness, subscription).last { $0.attempt == attempt }?.intent)
            harness.deliver(
                Self.intentEvent(
                    type, intent: intent, amount: 58_310, subscription: subscription, invoice: invoice, attempt: attempt
                ))
            try harness.runJobs()
        }
        func status() -> JSON? { buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["status"] }

        try settle(.paymentIntentPaymentFailed, attempt: 1)
        #expect(status() == "PAST_DUE")
        // Not due before 3 days; then attempt 2 with a new PaymentIntent.
        #expect(try Self.collect(harness, asOf: now + 2 * Self.day).retriesStarted == 0)
        #expect(try Self.collect(harness, asOf: now + 3 * Self.day + 60).retriesStarted == 1)
        #expect(try Self.collect(harness, asOf: now + 3 * Self.day + 120).retriesStarted == 0)
        try settle(.paymentIntentPaymentFailed, attempt: 2)
        #expect(try Self.collect(harness, asOf: now + 7 * Self.day + 60).retriesStarted == 1)
        try settle(.paymentIntentSucceeded, attempt: 3)
        #expect(status() == "ACTIVE")
        #expect(try Self.invoices(harness, subscription).map(\.status) == ["PAID"])
        #expect(try Self.payments(harness, subscription).map(\.status) == ["FAILED", "FAILED", "SUCCEEDED"])
        #expect(
            try Self.mails(harness, subscription) == ["mail.payment_failed", "mail.payment_failed", "mail.reactivated"])
        #expect(try Self.outbox(harness, "anna@example.com") == 3)
    }

    @Test func aDeclinedCardIsSuspendedAfterTheLastRetry() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let (subscription, session) = try Self.start(buyer)
        #expect(Self.complete(buyer, session: session, method: "pm_card_chargeDeclined").json["status"] == "PAST_DUE")
        let now = Int64(Date().timeIntervalSince1970)
        for days: Int64 in [3, 7, 14] { _ = try Self.collect(harness, asOf: now + days * Self.day + 60) }
        #expect(buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["status"] == "SUSPENDED")
        #expect(try Self.payments(harness, subscription).map(\.attempt) == [1, 2, 3, 4])
        #expect(try Self.payments(harness, subscription).allSatisfy { $0.status == "FAILED" })
        #expect(
            try Self.mails(harness, subscription) == [
                "mail.payment_failed", "mail.payment_failed", "mail.payment_failed", "mail.suspended",
            ])
        // Nothing more happens while suspended.
        #expect(try Self.collect(harness, asOf: now + 60 * Self.day) == .init())
    }

    @Test func cancelAtPeriodEndAndPlanChangesTakeEffectAtTheNextPeriod() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let (first, firstSession) = try Self.start(buyer)
        _ = Self.complete(buyer, session: firstSession, method: "pm_card_visa")
        let (second, secondSession) = try Self.start(buyer)
        _ = Self.complete(buyer, session: secondSession, method: "pm_card_visa")

        let changed = buyer.send(
            "POST", "/api/v1/subscriptions/\(first)/change", json: ["plan_id": "assistant_business"])
        #expect(changed.status == .ok && changed.json["pending_plan_id"] == "assistant_business", "\(changed.json)")
        #expect(changed.json["plan_id"] == "assistant_starter")
        let canceled = buyer.send("POST", "/api/v1/subscriptions/\(second)/cancel", json: [:])
        #expect(canceled.status == .ok && canceled.json["cancel_at_period_end"] == .bool(true))
        #expect(canceled.json["status"] == "ACTIVE")
        // An end "now" is for admins only.
        #expect(
            buyer.send("POST", "/api/v1/subscriptions/\(second)/cancel", json: ["immediately": true]).status
                == .forbidden)

        let end = Int64(Date().timeIntervalSince1970) + 32 * Self.day
        let summary = try Self.collect(harness, asOf: end)
        #expect(summary.periodsClosed == 2)
        let renewed = buyer.send("GET", "/api/v1/subscriptions/\(first)").json
        #expect(renewed["plan_id"] == "assistant_business" && renewed["pending_plan_id"] == .null)
        // The new period's base fee: 1,490 € + 19 % = 1,773.10 €, charged and paid.
        #expect(try Self.invoices(harness, first).map(\.gross) == [58_310, 177_310])
        #expect(try Self.invoices(harness, first).map(\.status) == ["PAID", "PAID"])
        #expect(buyer.send("GET", "/api/v1/subscriptions/\(second)").json["status"] == "CANCELED")
        #expect(try Self.invoices(harness, second).count == 1)
        // Ended is final.
        #expect(buyer.send("POST", "/api/v1/subscriptions/\(second)/cancel", json: [:]).status == .conflict)
        #expect(
            buyer.send("POST", "/api/v1/subscriptions/\(second)/change", json: ["plan_id": "assistant_business"])
                .status == .conflict)
        #expect(try Self.collect(harness, asOf: end + 60) == .init())
        #expect(try Self.mails(harness, first) == ["mail.plan_changed"])
        #expect(try Self.mails(harness, second) == ["mail.canceled"])
        let audited = try Self.query(
            harness,
            "SELECT count(*)::bigint AS n FROM audit_log WHERE action IN ('subscription.change', 'subscription.cancel')"
        )[0].int("n")
        #expect(audited == 2)
    }

    @Test(arguments: [
        ((["plan_id": "nope"] as JSON), 422, "plan_id"),
        ((["plan_id": "ai_assessment"] as JSON), 422, "plan_id"),
        ((["plan_id": "assistant_starter", "addons": [["id": "onboarding_workshop"]]] as JSON), 422, "addons"),
        ((["plan_id": "assistant_starter", "addons": [["id": "bogus"]]] as JSON), 422, "addons"),
        ((["plan_id": "assistant_starter", "addons": "extra_users"] as JSON), 422, "addons"),
        ((["plan_id": "assistant_starter", "addons": [["id": "extra_users", "quantity": 0]]] as JSON), 422, "addons"),
        ((["plan_id": "assistant_starter", "planid": "x"] as JSON), 422, "planid"),
        ((["plan_id": "assistant_starter", "language": "fr"] as JSON), 422, "language"),
        ((["plan_id": 7] as JSON), 422, "plan_id"),
        (([:] as JSON), 422, "plan_id"),
        (JSON.array([]), 400, ""),
    ])
    func badStartsAreRefusedAndWriteNothing(body: JSON, status: Int, field: String) throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let response = buyer.send("POST", "/api/v1/subscriptions", json: body)
        #expect(response.status.code == status, "\(response.json)")
        if !field.isEmpty {
            let fields = response.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []
            #expect(fields.contains(field), "\(response.json)")
        }
        #expect(try Self.query(harness, "SELECT count(*)::bigint AS n FROM subscriptions")[0].int("n") == 0)
        #expect(try Self.query(harness, "SELECT count(*)::bigint AS n FROM stripe_customers")[0].int("n") == 0)
    }

    @Test func anAdminEndsASubscriptionNowAndTheUnusedPartIsCredited() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let (subscription, session) = try Self.start(buyer)
        _ = Self.complete(buyer, session: session, method: "pm_card_visa")
        let admin = TestClient.staff(
            harness.application, database: harness.database, role: "admin", email: "admin@codezero.example")
        let ended = admin.send(
            "POST", "/api/v1/subscriptions/\(subscription)/cancel", json: ["immediately": true])
        #expect(ended.status == .ok && ended.json["status"] == "CANCELED", "\(ended.json)")
        let credit = try Self.query(
            harness,
            """
            SELECT (details->>'net_cents')::bigint AS net FROM subscription_events
            WHERE subscription_id = \(subscription)::uuid AND event = 'credit.unused_part'
            """)
        // Ended during the period's first day: almost the whole base fee (490 €) is unused, never more.
        let net = try #require(credit.first).int("net")
        #expect(net > 45_000 && net <= 49_000)
        #expect(try Self.mails(harness, subscription) == ["mail.canceled"])
        let audited = try Self.query(
            harness, "SELECT count(*)::bigint AS n FROM audit_log WHERE action = 'subscription.cancel_now'")[0].int("n")
        #expect(audited == 1)
        #expect(buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["status"] == "CANCELED")

        // The unused part is refunded (simulated Stripe refund) and corrected by a Rechnungskorrektur, once.
        let gross = try #require(
            try Self.query(
                harness,
                """
                SELECT (details->>'gross_cents')::bigint AS gross FROM subscription_events
                WHERE subscription_id = \(subscription)::uuid AND event = 'credit.unused_part'
                """
            ).first
        ).int("gross")
        #expect(
            gross == net
                + VATRate(basisPoints: 1_900).tax(on: Money(cents: net, currency: try Currency(code: "EUR"))).cents)
        try harness.runJobs()
        func corrections() throws -> [(number: String, gross: Int, refund: String)] {
            try Self.query(
                harness,
                """
                SELECT c.number, c.gross_cents, c.refund_id FROM invoices c JOIN invoices i ON i.id = c.corrects
                WHERE i.subscription_id = \(subscription)::uuid AND c.kind = 'correction'
                """
            ).map { (try $0.string("number"), try $0.int("gross_cents"), try $0.string("refund_id")) }
        }
        let issued = try corrections()
        #expect(issued.count == 1)
        #expect(issued.first?.number.hasPrefix("CZ-K-") == true)
        #expect(issued.first?.gross == -gross)
        #expect(issued.first?.refund.hasPrefix("re_sim_") == true)
        // A rerun of the refund (a crash before the job completed) refunds and corrects nothing more.
        var logger = Logger(label: "test.subscriptions")
        logger.logLevel = .critical
        let connection = harness.database.connect()
        let invoiceID = try #require(
            try Self.query(
                harness,
                "SELECT id::text FROM invoices WHERE subscription_id = \(subscription)::uuid AND kind = 'invoice'"
            ).first
        ).string("id")
        try RefundUnusedPeriod.refund(
            subscriptionID: subscription, invoiceID: invoiceID, grossCents: gross,
            refunder: RefundInvoice(
                gateway: { () throws(StripeError) in SimulatedGateway() }, seller: .example, logger: logger),
            connection: connection, logger: logger)
        try harness.runJobs()
        #expect(try corrections().count == 1)
    }

    @Test func anUnconfirmedAddressCannotSubscribe() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com", verified: false)
        let refused = buyer.send("POST", "/api/v1/subscriptions", json: ["plan_id": "assistant_starter"])
        #expect(refused.status == .conflict && refused.json["type"] == .string(CheckoutRefusal.emailUnverifiedType))
        #expect(try Self.query(harness, "SELECT count(*)::bigint AS n FROM subscriptions")[0].int("n") == 0)
    }

    @Test func lifecycleRoutesRefuseBadInputAndStrangers() throws {
        let harness = try BillingHarness()
        let buyer = harness.buyer("anna@example.com")
        let (subscription, session) = try Self.start(buyer)
        #expect(TestClient(harness.application).send("GET", "/api/v1/subscriptions").status == .unauthorized)
        #expect(
            buyer.send("POST", "/api/v1/subscriptions", json: ["plan_id": "assistant_starter"], csrf: false).status
                == .forbidden)
        #expect(buyer.send("GET", "/api/v1/subscriptions/not-a-uuid").status == .notFound)
        #expect(buyer.send("GET", "/api/v1/subscriptions/\(UUID().uuidString.lowercased())").status == .notFound)
        // Not started yet: no plan change.
        #expect(
            buyer.send("POST", "/api/v1/subscriptions/\(subscription)/change", json: ["plan_id": "assistant_business"])
                .status == .conflict)
        _ = Self.complete(buyer, session: session, method: "pm_card_visa")
        for (path, body, status) in [
            ("change", (["plan_id": "assistant_starter"] as JSON), 422),
            ("change", (["plan_id": "ai_assessment"] as JSON), 422),
            ("change", (["plan_id": "nope"] as JSON), 422),
            ("change", ([:] as JSON), 422),
            ("cancel", (["immediately": "yes"] as JSON), 422),
            ("cancel", (["at": "now"] as JSON), 422),
        ] {
            let response = buyer.send("POST", "/api/v1/subscriptions/\(subscription)/\(path)", json: body)
            #expect(response.status.code == status, "\(path) \(body): \(response.json)")
        }
        let detail = buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json
        #expect(detail["pending_plan_id"] == .null && detail["cancel_at_period_end"] == .bool(false))
        let newMethod = buyer.send("POST", "/api/v1/subscriptions/\(subscription)/payment-method")
        #expect(newMethod.status == .created && newMethod.json["session_id"]?.stringValue?.hasPrefix("cs_") == true)
        let replacement = try #require(newMethod.json["session_id"]?.stringValue)
        #expect(Self.complete(buyer, session: replacement, method: "pm_bogus").status.code == 422)
        #expect(Self.complete(buyer, session: replacement, method: "pm_sepa_debit").json["status"] == "ACTIVE")
        #expect(
            try Self.query(harness, "SELECT payment_method_id FROM subscriptions WHERE id = \(subscription)::uuid")[0]
                .string("payment_method_id") == "pm_sepa_debit")
    }

    @Test func againstTheStripeStandInTheSetupWebhookStartsAndCharges() throws {
        let harness = try BillingHarness(stripe: true)
        let standIn = try #require(harness.standIn)
        let buyer = harness.buyer("anna@example.com")
        let (subscription, session) = try Self.start(buyer)
        let created = try #require(standIn.requests.first { $0.path == "/v1/checkout/sessions" })
        #expect(created.form["mode"] == "setup" && created.form["customer"]?.hasPrefix("cus_") == true)
        #expect(created.form["allowed_payment_method_types[0]"] == "card")
        #expect(created.header("Idempotency-Key") == "subscription_\(subscription)-setup-v1")
        // A second subscription reuses the company's Customer.
        _ = try Self.start(buyer, plan: "assistant_business")
        #expect(standIn.requests.filter { $0.path == "/v1/customers" }.count == 1)

        standIn.markSetUp(session, paymentMethod: "pm_card_visa")
        let completed = try #require(standIn.session(session))
        let event = StripeEvent(
            id: "evt_setup_1", type: StripeEventType.checkoutSessionCompleted.rawValue,
            created: WebhookSignature.currentTime(), apiVersion: StripeConfiguration.pinnedAPIVersion,
            object: completed)
        #expect(harness.deliver(event).status == .ok)
        try harness.runJobs()
        #expect(buyer.send("GET", "/api/v1/subscriptions/\(subscription)").json["status"] == "ACTIVE")
        #expect(try Self.invoices(harness, subscription).map(\.status) == ["PAID"])
        let invoice = try Self.query(
            harness, "SELECT id::text FROM invoices WHERE subscription_id = \(subscription)::uuid")[0].string("id")
        let charge = try #require(standIn.requests.first { $0.path == "/v1/payment_intents" })
        #expect(charge.header("Idempotency-Key") == "invoice-\(invoice)-pi-v1")
        #expect(charge.form["off_session"] == "true" && charge.form["confirm"] == "true")
        #expect(charge.form["amount"] == "58310" && charge.form["payment_method"] == "pm_card_visa")
        // A redelivery (new event id, same session) changes nothing.
        harness.deliver(
            StripeEvent(
                id: "evt_setup_2", type: StripeEventType.checkoutSessionCompleted.rawValue,
                created: WebhookSignature.currentTime(), object: completed))
        try harness.runJobs()
        #expect(standIn.requests.filter { $0.path == "/v1/payment_intents" }.count == 1)
    }
}
