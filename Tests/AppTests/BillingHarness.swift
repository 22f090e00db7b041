import Foundation
import Jobs
import Logging
import Postgres
import Stripe
import TestSupport
import Web

@testable import App

/// A migrated database, an application (mock mode or against the Stripe stand-in), signed-in clients and
/// an in-process jobs runner with the real handlers.
final class BillingHarness {
    static let webhookSecret = "whsec_test_harness_0123456789abcdef"

    let database: TestDatabase
    let application: Application
    let configuration: Configuration
    let standIn: StripeStandIn?

    init(stripe: Bool = false) throws {
        database = try TestDatabase.makeMigrated()
        standIn = stripe ? try StripeStandIn() : nil
        configuration = Configuration(
            publicURL: "https://shop.example", passwordCostLogN: 10, stripeSecretKey: standIn?.secretKey,
            stripeAPIBase: standIn?.baseURL ?? "https://api.stripe.com", stripeWebhookSecrets: [Self.webhookSecret])
        application = try TestApplication.make(
            connectionString: database.connectionString, configuration: configuration)
    }

    deinit { standIn?.stop() }

    /// A signed-in owner of a new company in `country` (with `vatId`).
    /// `verified: false` leaves the address unconfirmed (buying is refused until then); the mailed-link
    /// flow itself is tested in `AccountMailTests`.
    /// `address: false` registers without the billing address (buying is refused until it is complete).
    func buyer(
        _ email: String, country: String = "DE", vatId: String? = nil, verified: Bool = true, address: Bool = true
    ) -> TestClient {
        let client = TestClient(application)
        let response = client.register(
            email: email, company: "Firma \(email)", country: country, vatId: vatId, address: address)
        precondition(response.status == .created, "registration failed: \(response.json)")
        if verified { try! verifyEmail(email) }
        return client
    }

    /// Marks `email`'s address confirmed, as opening the mailed link does.
    func verifyEmail(_ email: String) throws {
        try database.connect().execute(
            "UPDATE users SET email_verified_at = now() WHERE lower(email) = lower(\(email))")
    }

    /// Posts a signed event to the webhook.
    @discardableResult
    func deliver(
        _ event: StripeEvent, secret: String = webhookSecret, timestamp: Int64 = WebhookSignature.currentTime()
    )
        -> Response
    {
        let body = event.json.serialized()
        var parameters = TestApplication.parameters(
            "POST", "/api/v1/billing/webhook", contentType: "application/json", contentLength: body.count)
        parameters["HTTP_STRIPE_SIGNATURE"] = WebhookSignature.sign(payload: body, secret: secret, timestamp: timestamp)
        return application.respond(parameters: parameters, body: body, bodyTooLarge: false).response
    }

    /// A `checkout.session.*` event about `session` with `purchase` as client reference.
    func event(
        _ type: StripeEventType, session: String, purchase: String?, amount: Int?, paymentStatus: String = "paid",
        id: String = "evt_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    ) -> StripeEvent {
        let created = WebhookSignature.currentTime()
        let status: CheckoutSession.Status = type == .checkoutSessionExpired ? .expired : .complete
        let checkout = CheckoutSession(
            id: session, status: status, paymentStatus: CheckoutSession.PaymentStatus(rawValue: paymentStatus) ?? .paid,
            clientReferenceID: purchase, amountTotal: amount.map { Int64($0) }, currency: "eur",
            expiresAt: created + 3600, created: created)
        return WebhookTrigger.sampleEvent(type, session: checkout, eventID: id, created: created)
    }

    /// Runs the jobs runner until no job is due.
    @discardableResult
    func runJobs() throws -> JobRunReport {
        var logger = Logger(label: "codezero.test.jobs")
        logger.logLevel = .critical
        let runner = JobRunner(connection: database.connect(), logger: logger)
        JobsCommand.register(
            on: runner, billing: BillingServices(configuration: configuration, logger: logger), logger: logger)
        return try runner.runOnce()
    }

    /// The purchase's status as stored.
    func status(of purchase: String) throws -> String {
        try database.connect().query("SELECT status FROM purchases WHERE id = \(purchase)::uuid")[0].string("status")
    }

    /// How many ledger rows granted the purchase's credits.
    func grants(of purchase: String) throws -> Int {
        try database.connect().query(
            "SELECT count(*)::bigint AS n FROM credit_ledger WHERE purchase_id = \(purchase)::uuid AND reason = 'purchase'"
        )[0].int("n")
    }
}
