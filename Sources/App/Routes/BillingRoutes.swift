import Domain
import Storage
import Stripe
import Web

/// Credit packs, checkout, the webhook, purchases and balance (`/api/v1/billing/*`).
enum BillingRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/billing/products",
            RouteDocumentation(
                "Credit packs with their net prices (VAT is added at checkout).", tag: "billing",
                response: .object([
                    "currency": .string,
                    "products": .array(
                        .object([
                            "id": .string, "credits": .integer, "net_cents": .integer, "currency": .string,
                            "name": .localized,
                        ])),
                ])),
            products)
        table.add(
            .post, "/api/v1/billing/checkout/session",
            RouteDocumentation(
                "Start Stripe Checkout for a credit pack: {product_id, language?} → purchase PENDING.", tag: "billing",
                access: .authenticated, requestBody: "application/json",
                responses: [
                    (201, "Checkout started"), (401, "Not signed in"), (403, "CSRF token missing"),
                    (409, "E-mail address not confirmed or billing address incomplete"),
                    (422, "Unknown product or VAT problem"), (429, "Too many checkout sessions or writes"),
                    (503, "Payment provider unavailable"),
                ], request: .object(["product_id": .text(64), "language?": .text(2, minimumLength: 0).orNull]),
                response: .object([
                    "purchase_id": .uuid, "session_id": .string, "checkout_url": .string, "amount_cents": .integer,
                    "currency": .string,
                ])), startCheckout)
        table.add(
            .post, "/api/v1/billing/checkout/complete",
            RouteDocumentation(
                "Mock mode only (404 otherwise): complete a simulated payment {session_id}, or a subscription's setup {session_id, payment_method?: pm_card_visa|pm_card_chargeDeclined|pm_sepa_debit}.",
                tag: "billing",
                access: .authenticated, requestBody: "application/json",
                responses: [(200, "Completed"), (401, "Not signed in"), (404, "No such session, or not in mock mode")],
                request: .object([
                    "session_id": .text(255), "payment_method?": .text(64, minimumLength: 0).orNull,
                ]), response: .anyOf([PurchaseJSON.schema, SubscriptionJSON.schema])),
            completeSimulated)
        table.add(
            .post, "/api/v1/billing/webhook",
            RouteDocumentation(
                "Stripe webhook: signed events, 2xx once durably stored.", tag: "billing", access: .stripe,
                requestBody: "application/json",
                responses: [
                    (200, "Stored (or a duplicate)"), (400, "Bad signature or body"), (503, "Not stored; retry"),
                ], request: .object(["id": .string, "type": .string]),
                response: .object(["received": .boolean, "duplicate": .boolean])),
            WebhookIngestion.receive)
        table.add(
            .get, "/api/v1/billing/purchases",
            RouteDocumentation(
                "The company's purchases, newest first.", tag: "billing", access: .authenticated,
                responses: [(200, "Purchases"), (401, "Not signed in")],
                response: .object(["purchases": .array(PurchaseJSON.schema)])),
            bearerRead: PurchaseStore.listingOfBearerToken, purchases)
        table.add(
            .get, "/api/v1/billing/purchases/{id}",
            RouteDocumentation(
                "One purchase of the company (state and amounts; its invoice is under /api/v1/invoices).",
                tag: "billing", access: .authenticated,
                responses: [(200, "The purchase"), (401, "Not signed in"), (404, "No such purchase")],
                response: PurchaseJSON.schema, path: ["id": .uuid]), purchase)
        table.add(
            .get, "/api/v1/billing/balance",
            RouteDocumentation(
                "The company's credit balance.", tag: "billing", access: .authenticated,
                responses: [(200, "{credits}"), (401, "Not signed in")], response: .object(["credits": .integer])),
            balance)
    }

    static func products(_ context: RequestContext) throws -> Response {
        let products = try context.timedDatabase { _ in try context.services.catalog.products() }
        let items: [JSON] = products.map { record in
            [
                "id": .string(record.product.id), "credits": JSON(record.product.credits),
                "net_cents": JSON(record.product.net.cents), "currency": .string(record.product.net.currency.code),
                "name": ["de": .string(record.name.de), "en": .string(record.name.en)],
            ]
        }
        return .json(["currency": "EUR", "products": .array(items)])
    }

    static func startCheckout(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        var fields = JSONFields(try context.jsonObject())
        let productID = fields.string("product_id", maximumLength: 64)
        let language = fields.optionalString("language", maximumLength: 2) ?? "de"
        try fields.check()
        // Each call opens a session at the payment provider: a company gets a bounded number (issue #17).
        try context.enforce(
            .checkoutSessions, key: "checkout:company:\(caller.principal.companyID.rawValue)",
            what: "checkout sessions")
        let started = try StartCheckout.creditPack(
            productID: productID, caller: caller, language: Language(rawValue: language) ?? .de,
            dependencies: context.checkout)
        return .json(
            [
                "purchase_id": .string(started.purchase.id), "session_id": .string(started.sessionID),
                "checkout_url": .string(started.checkoutURL), "amount_cents": JSON(started.purchase.amountCents),
                "currency": .string(started.purchase.currency.code),
            ], status: .created)
    }

    static func completeSimulated(_ context: RequestContext) throws -> Response {
        guard context.services.billing.isMockMode else { throw Problem.notFound() }
        let caller = try context.requireCaller()
        var fields = JSONFields(try context.jsonObject())
        let sessionID = fields.string("session_id", maximumLength: 255)
        let paymentMethod = fields.optionalString("payment_method", maximumLength: 64)
        try fields.check()
        if let subscription = try SubscriptionCheckout.completeSimulated(
            sessionID: sessionID, paymentMethod: paymentMethod, caller: caller,
            shell: try context.subscriptionShell(), connection: context.services.database)
        {
            return .json(subscription)
        }
        let purchase = try SimulatedCheckout.complete(
            sessionID: sessionID, caller: caller, dependencies: context.checkout)
        return .json(PurchaseJSON.purchase(purchase))
    }

    /// With a bearer token, the token and the list are one statement (``RouteTable/add(_:_:_:bearerRead:_:)``);
    /// the rows are written out without a JSON tree (issue #16).
    static func purchases(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let rows =
            try context.bearerReadRows
            ?? PurchaseStore(connection: context.services.database).listing(companyID: caller.principal.companyID)
        return Response(
            status: .ok, headers: ["Content-Type": "application/json"], body: try PurchaseJSON.list(rows)
        ).private()
    }

    static func purchase(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        guard
            let purchase = try PurchaseStore(connection: context.services.database).purchase(
                id: context.parameter("id"), companyID: caller.principal.companyID)
        else { throw Problem.notFound(detail: "There is no such purchase.") }
        return .json(PurchaseJSON.purchase(purchase)).private()
    }

    static func balance(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let credits = try CreditLedger(connection: context.services.database).balance(
            companyID: caller.principal.companyID.rawValue)
        return .json(["credits": JSON(credits)]).private()
    }
}

extension Response {
    /// The response marked as personal: never stored by a shared cache.
    func `private`() -> Response {
        var response = self
        response.headers.replaceOrAdd(name: "Cache-Control", value: "private, no-store")
        return response
    }
}
