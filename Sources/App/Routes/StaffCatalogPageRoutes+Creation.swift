import Domain
import Foundation
import Pages
import Postgres
import Storage
import Web

/// Credit packs and new items on the back office's catalog page (issue 13 item 6): the same use cases as
/// `/api/v1/admin/catalog/…` (``CatalogEditor``), validated by ``NewCatalogItem`` with the errors in the page's
/// language and nothing written on bad input. A monthly package or add-on is also a plan: its included units and
/// overage price per metric (euros with up to 4 decimals) form the plan's first list price.
extension StaffCatalogPageRoutes {
    /// The form fields of a new item of `kind`: name, label key, kind of input, maximum characters.
    static func newFields(_ kind: NewCatalogItem.Kind) -> [(name: String, label: String, input: Input, maximum: Int)] {
        var list: [(String, String, Input, Int)] = [
            ("id", "field_item_id", .plain, 64), ("name_de", "field_name_de", .plain, 200),
            ("name_en", "field_name_en", .plain, 200),
        ]
        if kind != .creditPack {
            list += [
                ("description_de", "field_description_de", .multiline, 2000),
                ("description_en", "field_description_en", .multiline, 2000),
                ("interval", "field_interval", .interval, 20),
            ]
        }
        list.append(("price", "field_price", .plain, 20))
        if kind == .addon { list.append(("max_quantity", "field_max_quantity", .plain, 10)) }
        if kind == .creditPack { list.append(("credits", "field_pack_credits", .plain, 10)) }
        return list
    }

    /// How a field is typed.
    enum Input {
        case plain, multiline, interval
    }

    /// The forms that create a package, an add-on and a credit pack (the one that failed keeps its values).
    static func newForms(
        _ language: Language, metrics: [UsageMetricRecord],
        failed: (kind: NewCatalogItem.Kind, values: [String: String])?, errors: [String: String]
    ) -> TemplateValue {
        let text = { (key: String) in StaffStrings.text(key, language) }
        return .list(
            NewCatalogItem.Kind.allCases.map { kind in
                let posted = failed?.kind == kind ? failed?.values : nil
                let entry = { (name: String, label: String, input: Input, hint: String?) -> TemplateValue in
                    let value = posted?[name] ?? (name == "max_quantity" ? "1" : "")
                    var field: TemplateObject = [
                        "name": .text(name), "label": .text(label), "input_id": .text("new-\(kind.rawValue)-\(name)"),
                        "value": .text(value), "multiline": .flag(input == .multiline), "plain": .flag(input == .plain),
                        "select": .flag(input == .interval),
                    ]
                    if input == .interval {
                        field["options"] = .list(
                            BillingInterval.allCases.map { interval in
                                [
                                    "value": .text(interval.rawValue),
                                    "label": .text(
                                        text(interval == .monthly ? "interval_monthly" : "interval_one_time")),
                                    "selected": .flag(
                                        (posted?[name] ?? BillingInterval.oneTime.rawValue) == interval.rawValue),
                                ]
                            })
                    }
                    if let hint { field["hint"] = .text(hint) }
                    if posted != nil, let error = errors[name] { field["error"] = .text(text(error)) }
                    return .object(field)
                }
                var fields = newFields(kind).map { field in
                    entry(
                        field.name, text(field.label), field.input,
                        field.name == "id" ? text("hint_item_id") : field.name == "price" ? text("hint_price") : nil)
                }
                if kind != .creditPack {
                    for metric in metrics {
                        let name = metric.name.text(in: language)
                        let unit = metric.unit.text(in: language)
                        fields.append(
                            entry(
                                "included_\(metric.id)", text("field_included") + " \(name) (\(unit))", .plain,
                                text("hint_included")))
                        fields.append(
                            entry(
                                "overage_\(metric.id)", text("field_overage") + " \(name)", .plain, text("hint_overage")
                            ))
                    }
                }
                var form: TemplateObject = [
                    "kind": .text(kind.rawValue), "legend": .text(text("new_\(kind.rawValue)")),
                    "fields": .list(fields),
                    "action": .text(StaffPage.catalog.path(in: language) + "/\(kind.rawValue)"),
                ]
                if posted != nil, !errors.isEmpty { form["form_error"] = .text(text(errors["form"] ?? "error_form")) }
                return .object(form)
            })
    }

    /// The credit packs as a group of the page's edit forms.
    static func creditPackGroup(
        _ context: RequestContext, _ language: Language, failed: (id: String, values: [String: String])?,
        errors: [String: String]
    ) throws -> TemplateValue {
        let text = { (key: String) in StaffStrings.text(key, language) }
        let packs = try CreditProductStore(connection: context.services.database).allProducts()
        let items = packs.map { pack -> TemplateValue in
            let id = pack.product.id
            let current: [String: String] = [
                "name_de": pack.name.de, "name_en": pack.name.en, "credits": "\(pack.product.credits)",
                "price": euros(pack.product.net.cents, language),
            ]
            let posted = failed?.id == id ? failed?.values : nil
            var row: TemplateObject = [
                "id": .text(id), "action": .text(StaffPage.catalog.path(in: language) + "/credit_pack/\(id)"),
                "interval": .text(text("interval_one_time")),
                "active": .flag(posted.map { $0["active"] == "1" } ?? pack.product.isActive),
                "fields": .list(
                    creditPackFields.map { field in
                        var entry: TemplateObject = [
                            "name": .text(field.name), "label": .text(text(field.label)), "multiline": false,
                            "plain": true, "input_id": .text("\(id)-\(field.name)"),
                            "value": .text(posted?[field.name] ?? current[field.name] ?? ""),
                        ]
                        if posted != nil, let error = errors[field.name] { entry["error"] = .text(text(error)) }
                        return .object(entry)
                    }),
            ]
            if posted != nil, !errors.isEmpty { row["form_error"] = .text(text(errors["form"] ?? "error_form")) }
            return .object(row)
        }
        return ["kind": "credit_pack", "heading": .text(text("catalog_credit_packs")), "items": .list(items)]
    }

    /// The edit form's fields of a credit pack.
    static let creditPackFields: [(name: String, label: String)] = [
        ("name_de", "field_name_de"), ("name_en", "field_name_en"), ("credits", "field_pack_credits"),
        ("price", "field_price"),
    ]

    /// A whole number typed by staff (spaces and dots as thousands separators allowed); nil otherwise.
    static func wholeNumber(_ text: String) -> Int? {
        let digits = text.trimmedWhitespace.replacingOccurrences(of: ".", with: "").replacingOccurrences(
            of: " ", with: "")
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            return nil
        }
        return Int(digits)
    }

    /// The page's error key for a validation problem of `field`.
    static func errorKey(_ field: String, _ rejection: NewCatalogItem.Rejection) -> String {
        switch rejection {
        case .required: "error_required"
        case .tooLong: "error_too_long"
        case .invalidID: "error_item_id"
        case .notApplicable: "error_form"
        case .outOfRange:
            field == "price" ? "error_price" : field == "credits" ? "error_pack_credits" : "error_max_quantity"
        }
    }

    static func create(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let values = SiteForms.dictionary(
            try SiteForms.decode(context, multiline: ["description_de", "description_en"]))
        guard let kind = NewCatalogItem.Kind(rawValue: context.parameter("kind")) else { throw Problem.notFound() }
        var errors: [String: String] = [:]
        let value = { (name: String) in (values[name] ?? "").trimmedWhitespace }
        for field in newFields(kind) where field.input != .interval && value(field.name).count > field.maximum {
            errors[field.name] = "error_too_long"
        }
        let price = cents(value("price"))
        let interval = kind == .creditPack ? .oneTime : BillingInterval(rawValue: value("interval"))
        if interval == nil { errors["interval"] = "error_interval" }
        let whole = { (name: String) -> Int in
            guard let number = wholeNumber(value(name)) else {
                errors[name] = name == "credits" ? "error_pack_credits" : "error_max_quantity"
                return 0
            }
            return number
        }
        let item = NewCatalogItem(
            kind: kind, id: value("id"), name: LocalizedText(de: value("name_de"), en: value("name_en")),
            description: LocalizedText(de: value("description_de"), en: value("description_en")),
            netCents: price ?? 0, interval: interval ?? .oneTime,
            maxQuantity: kind == .addon ? whole("max_quantity") : 1,
            credits: kind == .creditPack ? whole("credits") : 0)
        if price == nil { errors["price"] = "error_price" }
        for (field, rejection) in item.validate() {
            let name = field == "net_cents" ? "price" : field
            if errors[name] == nil { errors[name] = errorKey(name, rejection) }
        }
        var plan: PlanPrice?
        if kind != .creditPack, interval == .monthly {
            var allowances: [MetricAllowance] = []
            for metric in try PlanPriceStore(connection: context.services.database).metrics() {
                let included = value("included_\(metric.id)")
                let overage = value("overage_\(metric.id)")
                if included.isEmpty && overage.isEmpty { continue }
                var quantity = UsageQuantity.zero
                switch UsageQuantity.parse(included.replacingOccurrences(of: ",", with: ".")) {
                case .success(let parsed): quantity = parsed
                case .failure: errors["included_\(metric.id)"] = "error_included"
                }
                let unitPrice = UnitPrice.parse(euros: overage.replacingOccurrences(of: ",", with: "."))
                if unitPrice == nil { errors["overage_\(metric.id)"] = "error_overage" }
                allowances.append(
                    MetricAllowance(
                        metric: metric.id, included: quantity,
                        overagePrice: unitPrice ?? UnitPrice(hundredthsOfCent: 0)))
            }
            plan = PlanPrice(
                planID: item.id, effectiveFrom: PlanRoutes.nowSeconds, baseFee: .eur(item.netCents),
                allowances: allowances)
        }
        guard errors.isEmpty else {
            return try page(
                context, language, errors: errors, status: .unprocessableContent, failedNew: (kind, values))
        }
        let creation = try CreateCatalogItem(connection: context.services.database).run(
            item, plan: plan, actor: caller.principal, requestID: context.request.requestID, ip: context.clientAddress)
        guard creation == .created else {
            return try page(
                context, language, errors: ["id": "error_item_id_taken", "form": "error_item_id_taken"],
                status: .conflict, failedNew: (kind, values))
        }
        return PageResponse.seeOther(StaffPage.catalog.path(in: language) + "?done=catalog_created#item-\(item.id)")
    }

    static func editCreditPack(
        _ context: RequestContext, _ language: Language, caller: Caller, values: [String: String]
    ) throws -> Response {
        let id = context.parameter("id")
        var errors: [String: String] = [:]
        let value = { (name: String) in (values[name] ?? "").trimmedWhitespace }
        let price = cents(value("price"))
        let credits = wholeNumber(value("credits"))
        let item = NewCatalogItem(
            kind: .creditPack, id: id, name: LocalizedText(de: value("name_de"), en: value("name_en")),
            netCents: price ?? 0, credits: credits ?? 0)
        for (field, rejection) in item.validate() where field != "id" {
            let name = field == "net_cents" ? "price" : field
            errors[name] = errorKey(name, rejection)
        }
        if price == nil { errors["price"] = "error_price" }
        if credits == nil { errors["credits"] = "error_pack_credits" }
        guard errors.isEmpty, let price, let credits else {
            return try page(context, language, failed: (id, values), errors: errors, status: .unprocessableContent)
        }
        let isActive = values["active"] == "1"
        let found = try context.services.database.transaction { transaction in
            guard
                try CatalogEditor(connection: transaction).applyCreditPack(
                    id: id, name: item.name, credits: credits, netCents: price, isActive: isActive,
                    actor: caller.principal.userID, requestID: context.request.requestID)
            else { return false }
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: caller.principal, action: .admin("catalog.edit"), target: "credit_pack:\(id)",
                    ip: context.clientAddress,
                    details: [
                        "request_id": context.request.requestID, "net_cents": "\(price)", "credits": "\(credits)",
                        "active": "\(isActive)",
                    ]))
            return true
        }
        guard found else { throw Problem.notFound() }
        return PageResponse.seeOther(StaffPage.catalog.path(in: language) + "?done=catalog#item-\(id)")
    }
}
