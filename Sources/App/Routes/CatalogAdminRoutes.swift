import Domain
import Foundation
import Postgres
import Storage
import Web

/// Creating and (de)activating catalog items (issue 13 item 6, admin): packages, add-ons and credit packs under
/// `/api/v1/admin/catalog/…`. Every item is validated (slug id unique across all kinds, names and descriptions in
/// German and English, net integer cents), versioned in `catalog_changes` with actor and request id, audited, and —
/// through the catalog's version trigger — reloads the workers' catalog and purges the public page cache. A
/// monthly package or add-on is also a plan: its first list price version (base fee = the item's price, with the
/// included units and overage prices of `metrics`) applies from now. Deactivated items vanish from the public
/// site, the configurator and the API; old orders, invoices and subscriptions keep what they copied.
enum CatalogAdminRoutes {
    /// The path segment of each kind.
    static let segments: [(segment: String, kind: NewCatalogItem.Kind)] = [
        ("packages", .package), ("addons", .addon), ("credit-packs", .creditPack),
    ]

    static func register(in table: inout RouteTable) {
        for (segment, kind) in segments {
            table.add(
                .post, "/api/v1/admin/catalog/\(segment)",
                RouteDocumentation(
                    createSummary(kind), tag: "admin", access: .admin, requestBody: "application/json",
                    responses: [
                        (201, "Created"), (401, "Not signed in"), (403, "Not an admin or CSRF token missing"),
                        (409, "The id is taken"), (422, "Invalid item"),
                    ], request: requestSchema(kind), response: itemSchema)
            ) { try create($0, kind) }
        }
        for (action, active) in [("deactivate", false), ("activate", true)] {
            table.add(
                .post, "/api/v1/admin/catalog/{kind}/{id}/\(action)",
                RouteDocumentation(
                    active
                        ? "Offer a deactivated catalog item again."
                        : "Stop offering a catalog item: it vanishes from the site, the configurator and the API; "
                            + "issued orders, invoices and subscriptions keep it.", tag: "admin", access: .admin,
                    responses: [
                        (200, "Done (also when it already was)"), (401, "Not signed in"),
                        (403, "Not an admin or CSRF token missing"), (404, "No such item"),
                    ], response: itemSchema,
                    path: [
                        "kind": .oneOf(segments.map(\.segment)), "id": .string(minimumLength: 1, maximumLength: 64),
                    ])
            ) { try setActive($0, active: active) }
        }
    }

    static func createSummary(_ kind: NewCatalogItem.Kind) -> String {
        switch kind {
        case .package:
            return "Create a package {id, name_de, name_en, description_de, description_en, net_cents, interval, "
                + "metrics?}; a monthly package is also a plan whose first price (base fee = net_cents, metrics: "
                + "[{metric, included, overage_unit_price}]) applies from now."
        case .addon:
            return "Create an add-on {id, name_de, name_en, description_de, description_en, net_cents, interval, "
                + "max_quantity, metrics?}; a monthly add-on is also a plan."
        case .creditPack:
            return "Create a credit pack {id, name_de, name_en, credits, net_cents} sold on the credits page."
        }
    }

    /// The request body of a creation.
    static func requestSchema(_ kind: NewCatalogItem.Kind) -> APISchema {
        var members: [(String, APISchema)] = [
            ("id", .string(minimumLength: 2, maximumLength: 64, pattern: "^[a-z][a-z0-9_]{1,63}$")),
            ("name_de", .text(NewCatalogItem.maximumNameLength)), ("name_en", .text(NewCatalogItem.maximumNameLength)),
            ("net_cents", .integer(minimum: 0, maximum: Int64(NewCatalogItem.maximumNetCents))),
        ]
        switch kind {
        case .package, .addon:
            members += [
                ("description_de", .text(NewCatalogItem.maximumDescriptionLength, multiline: true)),
                ("description_en", .text(NewCatalogItem.maximumDescriptionLength, multiline: true)),
                ("interval", .oneOf(BillingInterval.allCases.map(\.rawValue))),
                (
                    "metrics?",
                    .array(.object(["metric": .string, "included": .string, "overage_unit_price": .string]))
                ),
            ]
            if kind == .addon {
                members.append(
                    ("max_quantity", .integer(minimum: 1, maximum: Int64(NewCatalogItem.maximumAddonQuantity))))
            }
        case .creditPack:
            members.append(("credits", .integer(minimum: 1, maximum: Int64(NewCatalogItem.maximumCredits))))
        }
        return .object(members)
    }

    /// The answer: which item, whether it is offered, and its plan (monthly packages and add-ons).
    static let itemSchema = APISchema.object([
        "kind": .oneOf(NewCatalogItem.Kind.allCases.map(\.rawValue)), "id": .string, "active": .boolean,
        "plan_id": APISchema.string.orNull,
    ])

    static func create(_ context: RequestContext, _ kind: NewCatalogItem.Kind) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let body = try context.jsonObject()
        var fields = JSONFields(body)
        let id = fields.string("id", maximumLength: 64)
        let name = LocalizedText(
            de: fields.string("name_de", maximumLength: NewCatalogItem.maximumNameLength).trimmedWhitespace,
            en: fields.string("name_en", maximumLength: NewCatalogItem.maximumNameLength).trimmedWhitespace)
        var description = LocalizedText(de: "", en: "")
        var interval = BillingInterval.oneTime
        var maxQuantity = 1
        var credits = 0
        let netCents = integer(&fields, "net_cents")
        if kind != .creditPack {
            let maximum = NewCatalogItem.maximumDescriptionLength
            description = LocalizedText(
                de: fields.string("description_de", maximumLength: maximum, multiline: true).trimmedWhitespace,
                en: fields.string("description_en", maximumLength: maximum, multiline: true).trimmedWhitespace)
            let text = fields.string("interval", maximumLength: 20)
            if let parsed = BillingInterval(rawValue: text) {
                interval = parsed
            } else if !text.isEmpty {
                fields.fail("interval", "must be one_time or monthly", code: "invalid")
            }
        }
        if kind == .addon { maxQuantity = integer(&fields, "max_quantity") }
        if kind == .creditPack { credits = integer(&fields, "credits") }
        let item = NewCatalogItem(
            kind: kind, id: id, name: name, description: description, netCents: netCents, interval: interval,
            maxQuantity: maxQuantity, credits: credits)
        for (field, rejection) in item.validate().sorted(by: { $0.key < $1.key })
        where !fields.errors.contains(where: { $0.location == .field(field) }) {
            fields.fail(field, detail(rejection), code: rejection.rawValue)
        }
        var plan: PlanPrice?
        if kind != .creditPack, interval == .monthly {
            let baseFee = Int64(min(max(netCents, 0), NewCatalogItem.maximumNetCents))
            var planFields = JSONFields(["base_fee_cents": .int(baseFee), "metrics": body["metrics"] ?? .array([])])
            let metrics = try Set(PlanPriceStore(connection: context.services.database).metrics().map(\.id))
            plan = PriceInput.read(&planFields, planID: id, metrics: metrics, nowSeconds: PlanRoutes.nowSeconds)
            fields.merge(planFields)
        } else if body["metrics"].map({ !$0.isNull && $0 != .array([]) }) ?? false {
            fields.fail("metrics", "only a monthly package or add-on has included units", code: "not_applicable")
        }
        try fields.check()
        let creation = try CreateCatalogItem(connection: context.services.database).run(
            item, plan: plan, actor: caller.principal, requestID: context.request.requestID, ip: context.clientAddress)
        guard creation == .created else {
            throw Problem.conflict(detail: "A package, add-on or credit pack with this id exists already.")
        }
        return .json(answer(kind, id, active: true, interval: interval), status: .created)
    }

    static func setActive(_ context: RequestContext, active: Bool) throws -> Response {
        let caller = try context.requireCaller(.admin)
        guard let kind = segments.first(where: { $0.segment == context.parameter("kind") })?.kind else {
            throw Problem.notFound(detail: "There is no such kind of catalog item.")
        }
        let id = context.parameter("id")
        let found = try context.services.database.transaction { transaction in
            guard
                try CatalogEditor(connection: transaction).setActive(
                    kind: kind, id: id, active: active, actor: caller.principal.userID,
                    requestID: context.request.requestID)
            else { return false }
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: caller.principal, action: .admin(active ? "catalog.activate" : "catalog.deactivate"),
                    target: "\(kind.rawValue):\(id)", ip: context.clientAddress,
                    details: ["request_id": context.request.requestID]))
            return true
        }
        guard found else { throw Problem.notFound(detail: "There is no such catalog item.") }
        let interval = try PlanPriceStore(connection: context.services.database).plan(id: id) != nil
        return .json(answer(kind, id, active: active, interval: interval && kind != .creditPack ? .monthly : .oneTime))
    }

    static func answer(_ kind: NewCatalogItem.Kind, _ id: String, active: Bool, interval: BillingInterval) -> JSON {
        [
            "kind": .string(kind.rawValue), "id": .string(id), "active": .bool(active),
            "plan_id": kind != .creditPack && interval == .monthly ? .string(id) : .null,
        ]
    }

    /// A required integer member; 0 with a field error when absent or not an integer.
    static func integer(_ fields: inout JSONFields, _ name: String) -> Int {
        guard let value = fields.object[name], !value.isNull else {
            fields.fail(name, "is required", code: "required")
            return 0
        }
        guard let number = value.intValue else {
            fields.fail(name, "must be an integer", code: "type")
            return 0
        }
        return number
    }

    /// The API's words for a validation problem.
    static func detail(_ rejection: NewCatalogItem.Rejection) -> String {
        switch rejection {
        case .required: "is required"
        case .tooLong: "is too long"
        case .invalidID: "must be 2 to 64 lower-case letters, digits or _, starting with a letter"
        case .outOfRange: "is out of range"
        case .notApplicable: "does not apply to this kind of item"
        }
    }
}
