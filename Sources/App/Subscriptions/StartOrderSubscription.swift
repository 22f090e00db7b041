import Domain
import Postgres
import Storage
import Web

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

    /// Starts (or restarts the setup of) the subscription of `order` for the caller → 201 with the setup session.
    static func start(
        _ order: OrderRecord, caller: Caller, context: RequestContext, language: Language
    ) throws -> Response {
        try RequireVerifiedEmail.check(caller, context.checkout)
        try RequireBillingAddress.check(caller, context.checkout)
        guard order.status == .pending else {
            throw Problem.conflict(
                detail: "This order is \(order.status.rawValue.lowercased()) and cannot be paid again.")
        }
        let company = try StartCheckout.buyingCompany(caller, context.checkout)
        let vat = try VATDecision.decide(buyerCountryCode: order.buyerCountry, vatId: order.buyerVatID)
        guard vat.rate.basisPoints == order.vatRateBasisPoints, company.id == order.companyID else {
            throw Problem.conflict(detail: "The tax rules changed since the order was placed; please order again.")
        }
        let store = SubscriptionStore(connection: context.services.database)
        let starter = SubscriptionServices.starter(context)
        let subscriptionID: String
        let session: (sessionID: String, checkoutURL: String)
        do {
            if let existing = try store.subscription(orderID: order.id, companyID: order.companyID.rawValue) {
                guard existing.state.status == .incomplete else {
                    throw Problem.conflict(detail: "This order's subscription has started already.")
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
                    planID: order.packageID, addons: addons, catalog: try context.services.catalog.current(),
                    company: company, principal: caller.principal, language: language, orderID: order.id)
                subscriptionID = started.subscription.id
                session = (started.sessionID, started.checkoutURL)
            }
        } catch let error as PostgresError where error.sqlState == "23505" {
            // A concurrent checkout of the same order started its subscription first.
            throw Problem.conflict(detail: "This order's subscription is being started; please try again.")
        }
        try AuditLog(connection: context.services.database).append(
            AuditEntry(
                by: caller.principal, action: AuditAction("subscription.create"), target: subscriptionID,
                ip: context.clientAddress, details: ["plan_id": order.packageID, "order_id": order.id]))
        return .json(
            [
                "subscription_id": .string(subscriptionID), "session_id": .string(session.sessionID),
                "checkout_url": .string(session.checkoutURL), "amount_cents": JSON(order.amountCents),
                "mode": "setup",
            ], status: .created
        ).private()
    }
}
