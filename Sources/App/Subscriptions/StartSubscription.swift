import Domain
import Foundation
import Logging
import Postgres
import Storage
import Stripe

/// Starts a subscription: the plan (a monthly package) and monthly add-ons priced from the catalog for the
/// buying company (which also checks its VAT situation), the company's Stripe Customer (one per company, created
/// once), then a setup-mode Checkout that saves a card or SEPA mandate; the subscription is INCOMPLETE until that
/// completes (``CompleteSubscriptionSetup``). Nothing is written when the input is refused or Stripe fails before
/// the session exists.
struct StartSubscription {
    /// A started subscription.
    struct Started {
        let subscription: SubscriptionRecord
        let sessionID: String
        let checkoutURL: String
    }

    let connection: PostgresConnection
    let gateway: () throws(StripeError) -> any PaymentGateway
    let provider: String
    let publicURL: String
    let logger: Logger

    /// Starts `planID` with `addons` for `company`, by `principal`.
    func start(
        planID: String, addons: [AddonSelection], catalog: Catalog, company: Company, principal: Principal,
        language: Language, orderID: String? = nil
    ) throws -> Started {
        try Self.validate(planID: planID, addons: addons, catalog: catalog, company: company)
        let customer = try ensureCustomer(company: company, email: principal.email.value, language: language)
        let id = UUID().uuidString.lowercased()
        let session = try createSetupSession(
            subscriptionID: id, companyID: company.id.rawValue, customer: customer, language: language, attempt: 1)
        let record = try connection.transaction { connection -> SubscriptionRecord in
            let store = SubscriptionStore(connection: connection)
            let record = try store.create(
                NewSubscription(
                    id: id, companyID: company.id.rawValue, userID: principal.userID.rawValue, provider: provider,
                    planID: planID, addons: addons.map { .init(id: $0.id, quantity: $0.quantity) }, orderID: orderID))
            try SubscriptionSetupStore(connection: connection).create(
                sessionID: session.id, subscriptionID: id, companyID: company.id.rawValue, purpose: .start)
            try store.appendEvent(
                "subscription.created", subscription: record, to: .incomplete, actorUserID: principal.userID.rawValue,
                details: #"{"plan_id":"\#(planID)"}"#)
            return record
        }
        logger.info(
            "subscription started",
            metadata: [
                "subscription.id": "\(id)", "subscription.plan": "\(planID)", "stripe.session_id": "\(session.id)",
            ])
        return Started(subscription: record, sessionID: session.id, checkoutURL: session.url ?? "")
    }

    /// A new setup session for an existing subscription (a new payment method, or — `purpose: .start` — another
    /// try at starting an INCOMPLETE one): attempt `attempt` ≥ 2.
    func replacePaymentMethod(
        subscription: SubscriptionRecord, company: Company, email: String, language: Language,
        purpose: SubscriptionSetupStore.Purpose = .paymentMethod
    ) throws -> (sessionID: String, checkoutURL: String) {
        let customer = try ensureCustomer(company: company, email: email, language: language)
        let attempt = try SubscriptionSetupStore(connection: connection).count(subscriptionID: subscription.id) + 1
        let session = try createSetupSession(
            subscriptionID: subscription.id, companyID: company.id.rawValue, customer: customer, language: language,
            attempt: attempt)
        try SubscriptionSetupStore(connection: connection).create(
            sessionID: session.id, subscriptionID: subscription.id, companyID: company.id.rawValue,
            purpose: purpose)
        return (session.id, session.url ?? "")
    }

    /// The plan must be a monthly package, the add-ons monthly ones, and the company must be able to buy
    /// (the same pricing and VAT rules as an order).
    static func validate(
        planID: String, addons: [AddonSelection], catalog: Catalog, company: Company
    ) throws(SubscriptionError) {
        let quote: PriceQuote
        do {
            quote = try Pricing(catalog: catalog).quote(
                package: planID, addons: addons, countryCode: company.country, vatId: company.vatId)
        } catch {
            if case .unknownPackage = error { throw .unknownPlan(planID) }
            throw .domain(error)
        }
        let yearly = quote.lines.filter { $0.interval != .monthly }.map {
            (field: $0.kind == .package ? "plan_id" : "addons", id: $0.id)
        }
        guard yearly.isEmpty else { throw .notMonthly(yearly) }
    }

    private func ensureCustomer(company: Company, email: String, language: Language) throws -> String {
        let customers = StripeCustomerStore(connection: connection)
        if let known = try customers.customerID(companyID: company.id.rawValue) { return known }
        let customer: Customer
        do throws(StripeError) {
            customer = try gateway().createCustomer(
                CustomerRequest(
                    name: company.name, email: email, preferredLocales: [language.rawValue],
                    metadata: ["company_id": company.id.rawValue]),
                idempotencyKey: try IdempotencyKey(rowID: "company_\(company.id.rawValue)", operation: "customer"))
        } catch {
            throw SubscriptionError.stripe(error)
        }
        return try customers.record(customerID: customer.id, companyID: company.id.rawValue)
    }

    private func createSetupSession(
        subscriptionID: String, companyID: String, customer: String, language: Language, attempt: Int
    ) throws -> CheckoutSession {
        let request = CheckoutSessionRequest(
            mode: .setup, lineItems: [], clientReferenceID: subscriptionID,
            metadata: ["subscription_id": subscriptionID, "company_id": companyID, "kind": "SUBSCRIPTION"],
            successURL: "\(publicURL)/\(language.rawValue)/checkout/success?session_id={CHECKOUT_SESSION_ID}",
            cancelURL: "\(publicURL)/\(language.rawValue)/checkout/cancel", locale: language == .de ? .de : .en,
            allowedPaymentMethodTypes: ["card", "sepa_debit"], customer: customer, currency: "eur",
            setupIntentMetadata: ["subscription_id": subscriptionID])
        do throws(StripeError) {
            let session = try gateway().createCheckoutSession(
                request,
                idempotencyKey: try IdempotencyKey(
                    rowID: "subscription_\(subscriptionID)", operation: "setup", attempt: attempt))
            guard session.url != nil else { throw StripeError.invalidPayload("the session has no url") }
            return session
        } catch {
            throw SubscriptionError.stripe(error)
        }
    }
}
