import Domain
import Logging
import Postgres
import Storage
import Stripe

/// Starts Stripe Checkout for a credit pack or a configurator order: a PENDING purchase priced by the
/// server (net + VAT by the buying company's country and VAT ID), then a Checkout session whose line items
/// add up to exactly the amount charged, created with an idempotency key derived from the purchase id.
/// Refusals are ``CheckoutRefusal``, catalog rules ``DomainError``, provider failures ``StripeError``: business
/// errors, never HTTP.
enum StartCheckout {
    /// A started checkout.
    struct Started {
        let purchase: PurchaseRecord
        let sessionID: String
        let checkoutURL: String
    }

    /// Checkout for the credit pack `productID`.
    static func creditPack(
        productID: String, caller: Caller, language: Language, dependencies: CheckoutDependencies
    ) throws
        -> Started
    {
        try RequireVerifiedEmail.check(caller, dependencies)
        try RequireBillingAddress.check(caller, dependencies)
        let connection = dependencies.database
        guard let record = try CreditProductStore(connection: connection).product(id: productID) else {
            throw DomainError.unknownProduct(productID)
        }
        let company = try buyingCompany(caller, dependencies)
        let quote = try Pricing(catalog: Catalog(creditProducts: [record.product])).quoteCreditPack(
            productId: productID, countryCode: company.country, vatId: company.vatId)
        let purchase = try PurchaseStore(connection: connection).create(
            NewPurchase(
                companyID: company.id, userID: caller.principal.userID,
                provider: dependencies.billing.provider, kind: productID == "iza_pass" ? .izaPass : .credits,
                productID: productID, orderID: nil, credits: record.product.credits, net: quote.totals.net,
                vat: quote.vat))
        let items = [
            CheckoutSessionRequest.LineItem(
                name: record.name.text(in: language), currency: quote.currency.code.lowercased(),
                unitAmount: Int64(quote.netCents))
        ]
        return try start(
            purchase: purchase, items: items, caller: caller, language: language, dependencies: dependencies)
    }

    /// Checkout for the company's PENDING order `order`.
    static func order(
        _ order: OrderRecord, caller: Caller, language: Language, dependencies: CheckoutDependencies
    ) throws
        -> Started
    {
        try RequireVerifiedEmail.check(caller, dependencies)
        try RequireBillingAddress.check(caller, dependencies)
        guard order.status == .pending else { throw CheckoutRefusal.orderNotPayable(order.status) }
        try supersedeOpenCheckouts(of: order, dependencies: dependencies)
        guard
            let current = try OrderStore(connection: dependencies.database).order(
                id: order.id, companyID: order.companyID), current.status == .pending
        else { throw CheckoutRefusal.orderPaidMeanwhile }
        let company = try buyingCompany(caller, dependencies)
        let vat = try VATDecision.decide(buyerCountryCode: order.buyerCountry, vatId: order.buyerVatID)
        guard vat.rate.basisPoints == order.vatRateBasisPoints, company.id == order.companyID else {
            throw CheckoutRefusal.taxRulesChanged
        }
        let purchase = try PurchaseStore(connection: dependencies.database).create(
            NewPurchase(
                companyID: order.companyID, userID: caller.principal.userID,
                provider: dependencies.billing.provider, kind: .order, productID: nil, orderID: order.id,
                credits: 0, net: Money(cents: order.netCents, currency: order.currency), vat: vat))
        let items = order.lines.map { line in
            CheckoutSessionRequest.LineItem(
                name: language == .de ? line.nameDE : line.nameEN,
                description: line.interval == .monthly
                    ? (language == .de ? "Erster Monat" : "First month") : nil,
                currency: order.currency.code.lowercased(), unitAmount: Int64(line.unitNetCents),
                quantity: line.quantity)
        }
        return try start(
            purchase: purchase, items: items, caller: caller, language: language, dependencies: dependencies)
    }

    /// Expires the order's earlier Checkout sessions that are still PENDING, so that two open sessions can
    /// never both be paid (STRIPE.md). A session Stripe no longer lets us expire is applied as it is now
    /// (paid: the order is paid, and the caller answers 409) through the same ``FulfilPurchase``.
    private static func supersedeOpenCheckouts(
        of order: OrderRecord, dependencies: CheckoutDependencies
    ) throws {
        let connection = dependencies.database
        let earlier = try PurchaseStore(connection: connection).purchases(companyID: order.companyID).filter {
            $0.orderID == order.id && $0.status == .pending && $0.sessionID != nil
        }
        for purchase in earlier {
            guard let sessionID = purchase.sessionID else { continue }
            let session = try expire(sessionID: sessionID, purchaseID: purchase.id, dependencies: dependencies)
            _ = try connection.transaction { connection in
                try FulfilPurchase.apply(
                    PaymentSignals.signal(for: session), purchaseID: purchase.id, sessionID: sessionID,
                    seller: dependencies.seller, connection: connection, logger: dependencies.logger)
            }
        }
    }

    /// Expires the session; one Stripe no longer lets us expire (completed or expired meanwhile) is taken as
    /// it is now.
    private static func expire(
        sessionID: String, purchaseID: String, dependencies: CheckoutDependencies
    ) throws(StripeError) -> CheckoutSession {
        let gateway = try dependencies.billing.gateway()
        do throws(StripeError) {
            return try gateway.expireCheckoutSession(
                id: sessionID, idempotencyKey: try IdempotencyKey(rowID: purchaseID, operation: "expire"))
        } catch {
            guard !error.isOutage && error != .timeout else { throw error }
            return try gateway.retrieveCheckoutSession(id: sessionID)
        }
    }

    /// The caller's company; ``CheckoutRefusal/companyNotFound`` when it is gone.
    static func buyingCompany(_ caller: Caller, _ dependencies: CheckoutDependencies) throws -> Company {
        guard let company = try dependencies.accounts.company(of: caller.principal) else {
            throw CheckoutRefusal.companyNotFound
        }
        return company
    }

    /// Adds the VAT line, creates the session, records its id; a failing provider marks the purchase FAILED.
    private static func start(
        purchase: PurchaseRecord, items netItems: [CheckoutSessionRequest.LineItem], caller: Caller,
        language: Language, dependencies: CheckoutDependencies
    ) throws -> Started {
        var items = netItems
        if purchase.vatCents > 0 {
            let rate = VATRate(basisPoints: purchase.vatRateBasisPoints).percentText
            items.append(
                CheckoutSessionRequest.LineItem(
                    name: language == .de ? "Umsatzsteuer \(rate) %" : "VAT \(rate) %",
                    currency: purchase.currency.code.lowercased(), unitAmount: Int64(purchase.vatCents)))
        }
        let total = items.reduce(0) { $0 + Int($1.unitAmount) * $1.quantity }
        precondition(total == purchase.amountCents, "checkout line items must add up to the amount charged")
        let base = dependencies.publicURL
        let request = CheckoutSessionRequest(
            lineItems: items, clientReferenceID: purchase.id,
            metadata: [
                "purchase_id": purchase.id, "company_id": purchase.companyID.rawValue, "kind": purchase.kind.rawValue,
            ],
            customerEmail: caller.principal.email.value,
            successURL: "\(base)/\(language.rawValue)/checkout/success?session_id={CHECKOUT_SESSION_ID}",
            cancelURL: "\(base)/\(language.rawValue)/checkout/cancel",
            locale: language == .de ? .de : .en)
        let store = PurchaseStore(connection: dependencies.database)
        let session: CheckoutSession
        do throws(StripeError) {
            session = try dependencies.billing.gateway().createCheckoutSession(
                request, idempotencyKey: try IdempotencyKey(rowID: purchase.id, operation: "checkout"))
        } catch {
            try store.setStatus(.failed, purchaseID: purchase.id)
            throw error
        }
        guard let url = session.url else {
            try store.setStatus(.failed, purchaseID: purchase.id)
            throw StripeError.invalidPayload("the session has no url")
        }
        try store.attachSession(purchaseID: purchase.id, sessionID: session.id)
        dependencies.logger.info(
            "checkout started",
            metadata: [
                "purchase.id": "\(purchase.id)", "stripe.session_id": "\(session.id)",
                "purchase.amount_cents": "\(purchase.amountCents)",
            ])
        return Started(purchase: purchase, sessionID: session.id, checkoutURL: url)
    }
}
