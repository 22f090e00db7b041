import Domain
import Logging
import Storage
import Web

/// Configurator orders (`/api/v1/orders`): priced again on the server from the catalog and the buying
/// company's country and VAT ID, lines and VAT decision stored; paid through Stripe Checkout.
enum OrderRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .post, "/api/v1/orders",
            RouteDocumentation(
                "Place an order for a configuration {package, addons}; priced on the server for your company.",
                tag: "orders", access: .authenticated, requestBody: "application/json",
                responses: [
                    (201, "The order"), (401, "Not signed in"), (403, "CSRF token missing"),
                    (409, "Billing address incomplete (see PUT /api/v1/company/billing-profile)"), (422, "Invalid"),
                ],
                request: QuoteJSON.requestSchema(countryRequired: false), response: PurchaseJSON.orderSchema),
            create)
        table.add(
            .get, "/api/v1/orders",
            RouteDocumentation(
                "The company's orders, newest first.", tag: "orders", access: .authenticated,
                responses: [(200, "Orders"), (401, "Not signed in")],
                response: .object(["orders": .array(PurchaseJSON.orderSchema)])), list)
        table.add(
            .get, "/api/v1/orders/{id}",
            RouteDocumentation(
                "One order of the company.", tag: "orders", access: .authenticated,
                responses: [(200, "The order"), (401, "Not signed in"), (404, "No such order")],
                response: PurchaseJSON.orderSchema, path: ["id": .uuid]), show)
        table.add(
            .post, "/api/v1/orders/{id}/checkout",
            RouteDocumentation(
                "Pay an order through Stripe Checkout → {session_id, checkout_url, amount_cents}: a one-off payment"
                    + " ({purchase_id}), or — when the package is billed monthly — a subscription ({subscription_id},"
                    + " mode \"setup\"): the Checkout saves a card or SEPA mandate, then the first month and the"
                    + " order's one-off items are charged and every later month is billed by the billing run.",
                tag: "orders",
                access: .authenticated,
                responses: [
                    (201, "Checkout started"), (401, "Not signed in"), (404, "No such order"),
                    (
                        409,
                        "Already paid, subscription already started, e-mail address not confirmed or billing address"
                            + " incomplete"
                    ),
                    (503, "Payment provider unavailable"),
                ],
                response: .anyOf([
                    .object([
                        "purchase_id": .uuid, "session_id": .string, "checkout_url": .string, "amount_cents": .integer,
                    ]),
                    // A monthly package: the order starts a subscription through a setup-mode Checkout.
                    .object([
                        "subscription_id": .uuid, "session_id": .string, "checkout_url": .string,
                        "amount_cents": .integer, "mode": .oneOf(["setup"]),
                    ]),
                ]),
                query: [RequestContext.languageParameter],
                path: ["id": .uuid]), checkout)
    }

    static func create(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let input = try QuoteJSON.request(try context.jsonObject(), countryRequired: false)
        try RequireBillingAddress.check(caller, context.checkout)
        let order = try PlaceOrder.place(
            package: input.package, addons: input.addons, caller: caller, context: context)
        return .json(PurchaseJSON.order(order), status: .created).private()
    }

    static func list(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let orders = try OrderStore(connection: context.services.database).orders(
            companyID: caller.principal.companyID)
        return .json(["orders": .array(orders.map(PurchaseJSON.order))]).private()
    }

    static func show(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        guard
            let order = try OrderStore(connection: context.services.database).order(
                id: context.parameter("id"), companyID: caller.principal.companyID)
        else { throw Problem.notFound(detail: "There is no such order.") }
        return .json(PurchaseJSON.order(order)).private()
    }

    static func checkout(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        guard
            let order = try OrderStore(connection: context.services.database).order(
                id: context.parameter("id"), companyID: caller.principal.companyID)
        else { throw Problem.notFound(detail: "There is no such order.") }
        let language = try context.languageQuery()
        if StartOrderSubscription.applies(to: order) {
            let started = try StartOrderSubscription.start(
                order, caller: caller, language: language, starter: context.subscriptionStarter,
                catalog: try context.services.catalog.current(), ip: context.clientAddress,
                dependencies: context.checkout)
            return .json(
                [
                    "subscription_id": .string(started.subscriptionID), "session_id": .string(started.sessionID),
                    "checkout_url": .string(started.checkoutURL), "amount_cents": JSON(order.amountCents),
                    "mode": "setup",
                ], status: .created
            ).private()
        }
        let started = try StartCheckout.order(
            order, caller: caller, language: language, dependencies: context.checkout)
        return .json(
            [
                "purchase_id": .string(started.purchase.id), "session_id": .string(started.sessionID),
                "checkout_url": .string(started.checkoutURL), "amount_cents": JSON(started.purchase.amountCents),
            ], status: .created)
    }
}

/// Places an order: the configuration priced with the current catalog for the caller's company.
enum PlaceOrder {
    static func place(
        package: String, addons: [AddonSelection], caller: Caller, context: RequestContext
    ) throws
        -> OrderRecord
    {
        let company = try StartCheckout.buyingCompany(caller, context.checkout)
        let catalog = try context.services.catalog.current()
        let quote = try Pricing(catalog: catalog).quote(
            package: package, addons: addons, countryCode: company.country, vatId: company.vatId)
        let monthlyPackage = quote.lines.contains { $0.kind == .package && $0.interval == .monthly }
        let monthlyAddons = quote.lines.filter { $0.kind != .package && $0.interval == .monthly }
        guard monthlyPackage || monthlyAddons.isEmpty else {
            // Monthly add-ons are billed with a monthly package's subscription; a one-off package has none.
            throw Problem.unprocessable(
                detail: "Monthly add-ons can only be ordered with a monthly package.",
                errors: monthlyAddons.map {
                    FieldError(
                        field: "addons", detail: "\($0.id) is billed monthly and needs a monthly package",
                        code: "needs_monthly_package")
                })
        }
        let order = try OrderStore(connection: context.services.database).create(
            companyID: company.id, userID: caller.principal.userID, quote: quote)
        context.logger.info(
            "order placed", metadata: ["order.id": "\(order.id)", "order.net_cents": "\(order.netCents)"])
        return order
    }
}
