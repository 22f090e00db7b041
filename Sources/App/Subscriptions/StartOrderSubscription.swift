import Domain
import Logging
import Postgres
import Storage

/// A configurator order whose package is billed monthly is paid as a subscription, not as a one-off payment:
/// its checkout starts a subscription to the package with the order's monthly add-ons (setup-mode Checkout that
/// saves a card or SEPA mandate, linked to the order); once the setup completes, the first invoice — the first
/// month in advance plus the order's one-off items — is issued and charged off-session, and every later period
/// is billed by the billing run. A second checkout of the same order offers a new setup while the subscription
/// has not started, and is refused once it has.
enum StartOrderSubscription {
    /// Whether `order` is paid as a subscription (its package is billed monthly).
    static func applies(to order: OrderRecord) -> Bool {
        order.lines.contains { $0.kind == .package && $0.interval == .monthly }
    }

    /// A started (or restarted) setup of an order's subscription.
    struct Started {
        /// The subscription.
        let subscriptionID: String
        /// The setup-mode Checkout session.
        let sessionID: String
        /// Where the buyer saves the payment method.
        let checkoutURL: String
    }

    /// Starts (or restarts the setup of) the subscription of `order` for the caller with `starter`, priced from
    /// `catalog`; `ip` goes into the audit entry. Refusals are ``CheckoutRefusal``s.
    static func start(
        _ order: OrderRecord, caller: Caller, language: Language, starter: StartSubscription, catalog: Catalog,
        ip: String?, dependencies: CheckoutDependencies
    ) throws -> Started {
        try RequireVerifiedEmail.check(caller, dependencies)
        try RequireBillingAddress.check(caller, dependencies)
        guard order.status == .pending else { throw CheckoutRefusal.orderNotPayable(order.status) }
        let company = try StartCheckout.buyingCompany(caller, dependencies)
        let vat = try VATDecision.decide(buyerCountryCode: order.buyerCountry, vatId: order.buyerVatID)
        guard vat.rate.basisPoints == order.vatRateBasisPoints, company.id == order.companyID else {
            throw CheckoutRefusal.taxRulesChanged
        }
        let store = SubscriptionStore(connection: dependencies.database)
        let subscriptionID: String
        let session: (sessionID: String, checkoutURL: String)
        do {
            if let existing = try store.subscription(orderID: order.id, companyID: order.companyID.rawValue) {
                guard existing.state.status == .incomplete else {
                    throw CheckoutRefusal.subscriptionStarted
                }
                subscriptionID = existing.id
                session = try starter.replacePaymentMethod(
                    subscription: existing, company: company, email: caller.principal.email.value,
                    language: language, purpose: .start)
            } else {
                let addons = order.lines.filter { $0.kind == .addon && $0.interval == .monthly }.map {
                    AddonSelection(id: $0.itemID, quantity: $0.quantity)
                }
                let started = try starter.start(
                    planID: order.packageID, addons: addons, catalog: catalog,
                    company: company, principal: caller.principal, language: language, orderID: order.id)
                subscriptionID = started.subscription.id
                session = (started.sessionID, started.checkoutURL)
            }
        } catch let error as PostgresError where error.sqlState == "23505" {
            // A concurrent checkout of the same order started its subscription first.
            throw CheckoutRefusal.subscriptionStarting
        }
        try AuditLog(connection: dependencies.database).append(
            AuditEntry(
                by: caller.principal, action: AuditAction("subscription.create"), target: subscriptionID,
                ip: ip, details: ["plan_id": order.packageID, "order_id": order.id]))
        return Started(subscriptionID: subscriptionID, sessionID: session.sessionID, checkoutURL: session.checkoutURL)
    }
}
