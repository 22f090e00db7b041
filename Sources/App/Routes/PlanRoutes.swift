import Domain
import Foundation
import Storage
import Web

/// Subscription plans and their prices (`/api/v1/plans`), list price versions and company pricing (admin).
enum PlanRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/plans",
            RouteDocumentation(
                "Monthly plans (packages and add-ons): base fee, included units and overage price per metric "
                    + "(4 decimals of a euro), the price in force and scheduled versions.", tag: "plans",
                response: .object(["plans": .array(PlanJSON.schema)])), plans)
        table.add(
            .get, "/api/v1/plans/{id}",
            RouteDocumentation(
                "One plan with its current and scheduled prices.", tag: "plans",
                responses: [(200, "The plan"), (404, "No such plan")], response: PlanJSON.schema,
                path: ["id": .string(minimumLength: 1, maximumLength: 64)]), plan)
        table.add(
            .get, "/api/v1/usage/metrics",
            RouteDocumentation(
                "The metrics usage can be reported for, with units and how many units one credit pays.", tag: "usage",
                response: .object([
                    "metrics": .array(
                        .object([
                            "id": .string, "name": .localized, "unit": .localized,
                            "units_per_credit": APISchema.string.orNull,
                        ]))
                ])),
            metrics)
        table.add(
            .post, "/api/v1/admin/plans/{id}/prices",
            RouteDocumentation(
                "Add a list price version {base_fee_cents, metrics:[{metric, included, overage_unit_price}], "
                    + "effective_from?}; it applies to periods starting at or after effective_from (default: now, "
                    + "so from the next period).", tag: "admin", access: .admin, requestBody: "application/json",
                responses: [
                    (201, "Version added"), (401, "Not signed in"), (403, "Not an admin or CSRF token missing"),
                    (404, "No such plan"), (409, "A version with that start exists"), (422, "Invalid price"),
                ], request: PriceInput.schema(company: false), response: PlanJSON.priceSchema,
                path: ["id": .string(minimumLength: 1, maximumLength: 64)]), addListPrice)
        table.add(
            .get, "/api/v1/admin/companies/{id}/pricing",
            RouteDocumentation(
                "A company's own pricing versions per plan.", tag: "admin", access: .admin,
                responses: [(200, "Pricing"), (401, "Not signed in"), (403, "Not an admin"), (404, "No such company")],
                response: .object(["company_id": .uuid, "pricing": .array(PlanJSON.priceSchema)]), path: ["id": .uuid]),
            companyPricing)
        table.add(
            .post, "/api/v1/admin/companies/{id}/pricing",
            RouteDocumentation(
                "Give a company its own price for a plan {plan_id, base_fee_cents, metrics, effective_from?, note?}; "
                    + "it wins over the list price from the next period.", tag: "admin", access: .admin,
                requestBody: "application/json",
                responses: [
                    (201, "Version added"), (401, "Not signed in"), (403, "Not an admin or CSRF token missing"),
                    (404, "No such company"), (409, "A version with that start exists"), (422, "Invalid price"),
                ], request: PriceInput.schema(company: true), response: PlanJSON.priceSchema, path: ["id": .uuid]),
            addCompanyPrice)
    }

    static var nowSeconds: Int { Int(Date().timeIntervalSince1970) }

    static func plans(_ context: RequestContext) throws -> Response {
        // A deactivated package or add-on is no longer offered (its plan still prices running subscriptions).
        let plans = try context.timedDatabase { try PlanPriceStore(connection: $0).plans() }.filter(\.isActive)
        let now = nowSeconds
        return .json(["plans": .array(plans.map { PlanJSON.plan($0, nowSeconds: now) })])
    }

    static func plan(_ context: RequestContext) throws -> Response {
        guard let plan = try PlanPriceStore(connection: context.services.database).plan(id: context.parameter("id"))
        else { throw Problem.notFound(detail: "There is no such plan.") }
        return .json(PlanJSON.plan(plan, nowSeconds: nowSeconds))
    }

    static func metrics(_ context: RequestContext) throws -> Response {
        let metrics = try PlanPriceStore(connection: context.services.database).metrics()
        return .json([
            "metrics": .array(
                metrics.map {
                    [
                        "id": .string($0.id), "name": ["de": .string($0.name.de), "en": .string($0.name.en)],
                        "unit": ["de": .string($0.unit.de), "en": .string($0.unit.en)],
                        "units_per_credit": $0.unitsPerCredit.map { .string($0.description) } ?? .null,
                    ]
                })
        ])
    }

    static func addListPrice(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let store = PlanPriceStore(connection: context.services.database)
        let planID = context.parameter("id")
        guard try store.plan(id: planID) != nil else { throw Problem.notFound(detail: "There is no such plan.") }
        var fields = JSONFields(try context.jsonObject())
        let metrics = try Set(store.metrics().map(\.id))
        let price = PriceInput.read(&fields, planID: planID, metrics: metrics, nowSeconds: nowSeconds)
        try fields.check()
        guard let price, try store.addListVersion(price, createdBy: caller.principal.userID.rawValue) else {
            throw Problem.conflict(detail: "This plan already has a price version starting at that moment.")
        }
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: .admin("plans.price_add"), target: planID, ip: context.clientAddress,
                details: ["base_fee_cents": "\(price.baseFee.cents)", "effective_from": "\(price.effectiveFrom)"]))
        return .json(PlanJSON.price(price), status: .created)
    }

    static func companyPricing(_ context: RequestContext) throws -> Response {
        try context.requireCaller(.admin)
        let companyID = try company(context)
        let versions = try PlanPriceStore(connection: context.services.database).companyVersions(
            companyID: companyID, planID: nil)
        return .json([
            "company_id": .string(companyID),
            "pricing": .array(
                versions.map { version in
                    guard case .object(var object) = PlanJSON.price(version) else { return .null }
                    object["plan_id"] = .string(version.planID)
                    return .object(object)
                }),
        ]).private()
    }

    static func addCompanyPrice(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let companyID = try company(context)
        let store = PlanPriceStore(connection: context.services.database)
        var fields = JSONFields(try context.jsonObject())
        let planID = fields.string("plan_id", maximumLength: 64)
        let note = fields.optionalString("note", maximumLength: 500)
        if !planID.isEmpty, try store.plan(id: planID) == nil {
            fields.fail("plan_id", "is not a known plan", code: "unknown_plan")
        }
        let metrics = try Set(store.metrics().map(\.id))
        let price = PriceInput.read(&fields, planID: planID, metrics: metrics, nowSeconds: nowSeconds)
        try fields.check()
        guard let price,
            try store.addCompanyVersion(
                price, companyID: companyID, note: note, createdBy: caller.principal.userID.rawValue)
        else { throw Problem.conflict(detail: "This company already has a price version starting at that moment.") }
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: .admin("company_pricing.add"), target: companyID,
                ip: context.clientAddress,
                details: ["plan_id": planID, "base_fee_cents": "\(price.baseFee.cents)"]))
        return .json(PlanJSON.price(price), status: .created)
    }

    /// The customer company named by the path, or 404 (unknown, malformed, or the operator itself).
    static func company(_ context: RequestContext) throws -> String {
        let id = context.parameter("id")
        guard try PlanPriceStore(connection: context.services.database).isCustomerCompany(id: id) else {
            throw Problem.notFound(detail: "There is no such company.")
        }
        return id
    }
}
