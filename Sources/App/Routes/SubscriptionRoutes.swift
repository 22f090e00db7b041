import Domain
import Foundation
import Postgres
import Storage
import Web

/// Subscriptions (`/api/v1/subscriptions`, DESIGN §11): start (setup-mode Checkout), list, detail, cancel, change
/// the plan, a new payment method. Every change is audited; another company's id is 404.
enum SubscriptionRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .post, "/api/v1/subscriptions",
            RouteDocumentation(
                "Start a subscription {plan_id, addons?:[{id, quantity}], language?} → 201 {subscription_id, "
                    + "session_id, checkout_url}: a setup-mode Stripe Checkout saves a card or SEPA mandate; on "
                    + "completion the subscription is ACTIVE and its first invoice is issued and charged.",
                tag: "subscriptions", access: .authenticated, requestBody: "application/json",
                responses: [
                    (201, "Started (INCOMPLETE until the setup completes)"), (400, "Malformed body"),
                    (401, "Not signed in"), (403, "CSRF token missing"),
                    (409, "E-mail address not confirmed or billing address incomplete"), (415, "Not JSON"),
                    (422, "Unknown or non-monthly plan or add-on, or a VAT problem"),
                    (502, "Payment provider refused"), (503, "Payment provider unavailable"),
                ],
                request: APISchema.object([
                    "plan_id": .text(64), "addons?": SubscriptionJSON.addonsRequest,
                    "language?": APISchema.oneOf(["de", "en", ""]).orNull,
                ]).closed,
                response: .object([
                    "subscription_id": .uuid, "session_id": .string, "checkout_url": .string, "status": .string,
                ])), start)
        table.add(
            .get, "/api/v1/subscriptions",
            RouteDocumentation(
                "The company's subscriptions, newest first: {subscriptions:[{id, plan_id, status, "
                    + "current_period_start, current_period_end, cancel_at_period_end, …}]}.",
                tag: "subscriptions", access: .authenticated,
                responses: [(200, "Subscriptions"), (401, "Not signed in")],
                response: .object(["subscriptions": .array(SubscriptionJSON.schema)])),
            list)
        table.add(
            .get, "/api/v1/subscriptions/{id}",
            RouteDocumentation(
                "One subscription of the company (with its dunning state and change history).", tag: "subscriptions",
                access: .authenticated,
                responses: [(200, "The subscription"), (401, "Not signed in"), (404, "No such subscription")],
                response: SubscriptionJSON.detailSchema, path: ["id": .uuid]), show)
        table.add(
            .post, "/api/v1/subscriptions/{id}/cancel",
            RouteDocumentation(
                "Cancel at the end of the current period {} ; admins only: {immediately: true} ends it now and credits "
                    + "the unused part of the period (an unpaid invoice is reduced and what is left charged at once; "
                    + "its dunning goes on).", tag: "subscriptions", access: .authenticated,
                requestBody: "application/json",
                responses: [
                    (200, "The subscription"), (400, "Malformed body"), (401, "Not signed in"),
                    (403, "CSRF token missing, or immediately without the admin role"), (404, "No such subscription"),
                    (409, "Already ended, or (immediately) a payment is in progress: retry once it settled"),
                    (422, "Invalid field"),
                ], request: APISchema.object(["immediately?": APISchema.boolean.orNull]).closed,
                response: SubscriptionJSON.schema, path: ["id": .uuid]), cancel)
        table.add(
            .post, "/api/v1/subscriptions/{id}/change",
            RouteDocumentation(
                "Change the plan {plan_id} from the next period on.", tag: "subscriptions", access: .authenticated,
                requestBody: "application/json",
                responses: [
                    (200, "The subscription (pending_plan_id set)"), (400, "Malformed body"), (401, "Not signed in"),
                    (403, "CSRF token missing"), (404, "No such subscription"), (409, "Ended or not started"),
                    (422, "Unknown, non-monthly or the same plan"),
                ], request: APISchema.object(["plan_id": .text(64)]).closed, response: SubscriptionJSON.schema,
                path: ["id": .uuid]), change)
        table.add(
            .post, "/api/v1/subscriptions/{id}/payment-method",
            RouteDocumentation(
                "Save a new payment method: a new setup-mode Checkout → 201 {session_id, checkout_url}. When it completes, a PAST_DUE or SUSPENDED subscription's owed invoices are charged with it at once (paid → ACTIVE).",
                tag: "subscriptions", access: .authenticated,
                responses: [
                    (201, "Setup started"), (401, "Not signed in"), (403, "CSRF token missing"),
                    (404, "No such subscription"), (409, "Ended"), (503, "Payment provider unavailable"),
                ], response: .object(["session_id": .string, "checkout_url": .string]),
                query: [RequestContext.languageParameter],
                path: ["id": .uuid]), paymentMethod)
    }

    static func start(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let object = try context.jsonObject()
        try SubscriptionRequests.rejectUnknown(object, allowed: ["plan_id", "addons", "language"])
        var fields = JSONFields(object)
        let planID = fields.string("plan_id", maximumLength: 64)
        let language = SubscriptionRequests.language(&fields)
        let addons = SubscriptionRequests.addons(object, &fields)
        try fields.check()
        try RequireVerifiedEmail.check(caller, context.checkout)
        try RequireBillingAddress.check(caller, context.checkout)
        let company = try StartCheckout.buyingCompany(caller, context.checkout)
        let started: StartSubscription.Started
        started = try context.subscriptionStarter.start(
            planID: planID, addons: addons, catalog: try context.services.catalog.current(), company: company,
            principal: caller.principal, language: language)
        try AuditLog(connection: context.services.database).append(
            AuditEntry(
                by: caller.principal, action: AuditAction("subscription.create"), target: started.subscription.id,
                ip: context.clientAddress, details: ["plan_id": planID]))
        return .json(
            [
                "subscription_id": .string(started.subscription.id), "session_id": .string(started.sessionID),
                "checkout_url": .string(started.checkoutURL),
                "status": .string(started.subscription.state.status.rawValue),
            ], status: .created
        ).private()
    }

    static func list(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let list = try SubscriptionStore(connection: context.services.database).subscriptions(
            companyID: caller.principal.companyID.rawValue)
        return .json(["subscriptions": .array(list.map(SubscriptionJSON.subscription))]).private()
    }

    static func show(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let record = try owned(context, caller)
        var json = SubscriptionJSON.object(record)
        let history = try SubscriptionStore(connection: context.services.database).events(subscriptionID: record.id)
        json["history"] = .array(
            history.map {
                [
                    "event": .string($0.event), "from": .string($0.from), "to": .string($0.to),
                    "at": .string(SubscriptionJSON.timestamp($0.at)),
                ]
            })
        return .json(.object(json)).private()
    }

    static func cancel(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let record = try owned(context, caller)
        let object = try context.jsonObject()
        try SubscriptionRequests.rejectUnknown(object, allowed: ["immediately"])
        var immediately = false
        switch object["immediately"] {
        case nil, .null?: break
        case .bool(let flag)?: immediately = flag
        default:
            throw Problem.unprocessable(
                detail: "immediately must be true or false.",
                errors: [FieldError(field: "immediately", detail: "must be a boolean", code: "type")])
        }
        if immediately, caller.principal.role != .admin {
            throw Problem.forbidden(detail: "Only an admin can end a subscription immediately.")
        }
        let now = Int64(Date().timeIntervalSince1970)
        return try applyLifecycle(
            immediately ? .cancelNow(at: now) : .cancelAtPeriodEnd, to: record, caller: caller, context: context,
            audit: immediately ? "subscription.cancel_now" : "subscription.cancel")
    }

    static func change(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let record = try owned(context, caller)
        let object = try context.jsonObject()
        try SubscriptionRequests.rejectUnknown(object, allowed: ["plan_id"])
        var fields = JSONFields(object)
        let planID = fields.string("plan_id", maximumLength: 64)
        try fields.check()
        let company = try StartCheckout.buyingCompany(caller, context.checkout)
        let catalog = try context.services.catalog.current()
        try StartSubscription.validate(
            planID: planID, addons: record.addons.map { AddonSelection(id: $0.id, quantity: $0.quantity) },
            catalog: catalog, company: company)
        return try applyLifecycle(
            .changePlan(planID: planID), to: record, caller: caller, context: context, audit: "subscription.change",
            details: ["plan_id": planID])
    }

    static func paymentMethod(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let record = try owned(context, caller)
        if context.request.body.count > 0 {
            try SubscriptionRequests.rejectUnknown(try context.jsonObject(), allowed: ["language"])
        }
        guard record.state.status != .canceled else {
            throw SubscriptionError.refused(.canceled)
        }
        let company = try StartCheckout.buyingCompany(caller, context.checkout)
        let language = try context.languageQuery()
        let setup: (sessionID: String, checkoutURL: String)
        setup = try context.subscriptionStarter.replacePaymentMethod(
            subscription: record, company: company, email: caller.principal.email.value, language: language)
        try AuditLog(connection: context.services.database).append(
            AuditEntry(
                by: caller.principal, action: AuditAction("subscription.payment_method"), target: record.id,
                ip: context.clientAddress))
        return .json(
            ["session_id": .string(setup.sessionID), "checkout_url": .string(setup.checkoutURL)], status: .created
        ).private()
    }

    /// The caller's company's subscription from the path (admins: any company's), or 404.
    private static func owned(_ context: RequestContext, _ caller: Caller) throws -> SubscriptionRecord {
        let id = context.parameter("id")
        let store = SubscriptionStore(connection: context.services.database)
        if let record = try store.subscription(id: id, companyID: caller.principal.companyID.rawValue) {
            return record
        }
        if caller.principal.role == .admin, let record = try store.anySubscription(id: id) { return record }
        throw Problem.notFound(detail: "There is no such subscription.")
    }

    private static func applyLifecycle(
        _ event: SubscriptionEvent, to record: SubscriptionRecord, caller: Caller, context: RequestContext,
        audit: String, details: [String: String] = [:]
    ) throws -> Response {
        let shell = try context.subscriptionShell()
        let now = Int64(Date().timeIntervalSince1970)
        let outcome = try context.services.database.transaction { connection in
            let outcome = try shell.apply(
                event, subscriptionID: record.id, actorUserID: caller.principal.userID.rawValue, now: now,
                connection: connection)
            if let outcome, outcome.refusal == nil {
                try AuditLog(connection: connection).append(
                    AuditEntry(
                        by: caller.principal, action: AuditAction(audit), target: record.id, ip: context.clientAddress,
                        details: details))
            }
            return outcome
        }
        guard let outcome else { throw Problem.notFound(detail: "There is no such subscription.") }
        if let refusal = outcome.refusal {
            throw SubscriptionError.refused(refusal)
        }
        return .json(SubscriptionJSON.subscription(outcome.subscription)).private()
    }
}
