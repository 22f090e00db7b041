import Domain
import Foundation
import Pages
import Postgres
import Storage
import Web

/// The back office's catalog (issue 13 item 6, admin): every package, add-on and credit pack with its names,
/// descriptions, net price and whether it can be ordered, and forms to create new ones (`+Creation`). An edit is validated (both languages, a price in euros), versioned in
/// `catalog_changes` with actor and request id, audited, and — through the catalog's own version trigger —
/// reloads the workers' catalog and purges the public page cache as any catalog change does.
enum StaffCatalogPageRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            let path = StaffPage.catalog.path(in: language)
            table.add(.get, path, access: .adminPage) { try page($0, language) }
            table.add(.post, path + "/{kind}/{id}", access: .adminPage) { try edit($0, language) }
            table.add(.post, path + "/{kind}", access: .adminPage) { try create($0, language) }
        }
    }

    /// The editable text fields: form name, label key, whether multi-line, maximum characters.
    static let fields: [(name: String, label: String, multiline: Bool, maximum: Int)] = [
        ("name_de", "field_name_de", false, 200), ("name_en", "field_name_en", false, 200),
        ("description_de", "field_description_de", true, 2000),
        ("description_en", "field_description_en", true, 2000), ("price", "field_price", false, 20),
    ]

    /// Euros as staff type them (`1490`, `1490,50`, `1.490,50`, `1490.5`) → cents; nil when not such an amount.
    static func cents(_ text: String) -> Int? {
        var value = text.trimmedWhitespace.replacingOccurrences(of: " ", with: "")
        if value.contains(","), value.contains(".") { value = value.replacingOccurrences(of: ".", with: "") }
        value = value.replacingOccurrences(of: ",", with: ".")
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let euros = Int(parts[0]), euros >= 0, euros <= 1_000_000,
            parts[0].allSatisfy(\.isNumber)
        else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isNumber), let parsed = Int(digits) else {
                return nil
            }
            fraction = digits.count == 1 ? parsed * 10 : parsed
        }
        let total = euros * 100 + fraction
        return total <= 100_000_000 ? total : nil
    }

    static func euros(_ cents: Int, _ language: Language) -> String {
        let minor = cents % 100
        return "\(cents / 100)" + (language == .de ? "," : ".") + (minor >= 0 && minor < 10 ? "0" : "") + String(minor)
    }

    static func page(
        _ context: RequestContext, _ language: Language, failed: (id: String, values: [String: String])? = nil,
        errors: [String: String] = [:], status: HTTPStatus = .ok,
        failedNew: (kind: NewCatalogItem.Kind, values: [String: String])? = nil
    ) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let catalog = try CatalogStore(connection: context.services.database).load().catalog
        let text = { (key: String) in StaffStrings.text(key, language) }
        let item = {
            (
                kind: CatalogItemEdit.Kind, id: String, name: LocalizedText, description: LocalizedText,
                net: Money, interval: BillingInterval, active: Bool
            ) -> TemplateValue in
            let current: [String: String] = [
                "name_de": name.de, "name_en": name.en, "description_de": description.de,
                "description_en": description.en, "price": euros(net.cents, language),
            ]
            let posted = failed?.id == id ? failed?.values : nil
            var row: TemplateObject = [
                "id": .text(id), "action": .text(StaffPage.catalog.path(in: language) + "/\(kind.rawValue)/\(id)"),
                "interval": .text(text(interval == .monthly ? "interval_monthly" : "interval_one_time")),
                "active": .flag(posted.map { $0["active"] == "1" } ?? active),
                "fields": .list(
                    fields.map { field in
                        var entry: TemplateObject = [
                            "name": .text(field.name), "label": .text(text(field.label)),
                            "multiline": .flag(field.multiline), "plain": .flag(!field.multiline),
                            "input_id": .text("\(id)-\(field.name)"),
                            "value": .text(posted?[field.name] ?? current[field.name] ?? ""),
                        ]
                        if posted != nil, let error = errors[field.name] { entry["error"] = .text(text(error)) }
                        return .object(entry)
                    }),
            ]
            if posted != nil, !errors.isEmpty { row["form_error"] = .text(text(errors["form"] ?? "error_form")) }
            return .object(row)
        }
        let groups: TemplateValue = [
            [
                "kind": "package", "heading": .text(text("catalog_packages")),
                "items": .list(
                    catalog.packages.map {
                        item(.package, $0.id, $0.name, $0.description, $0.net, $0.interval, $0.isActive)
                    }),
            ],
            [
                "kind": "addon", "heading": .text(text("catalog_addons")),
                "items": .list(
                    catalog.addons.map {
                        item(.addon, $0.id, $0.name, $0.description, $0.net, $0.interval, $0.isActive)
                    }),
            ],
            try creditPackGroup(context, language, failed: failed, errors: errors),
        ]
        let metrics = try PlanPriceStore(connection: context.services.database).metrics()
        return try StaffSession.render(
            .catalog, context, language, caller,
            ["groups": groups, "new_items": newForms(language, metrics: metrics, failed: failedNew, errors: errors)],
            status: status)
    }

    static func edit(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let values = SiteForms.dictionary(
            try SiteForms.decode(context, multiline: ["description_de", "description_en"]))
        if context.parameter("kind") == NewCatalogItem.Kind.creditPack.rawValue {
            return try editCreditPack(context, language, caller: caller, values: values)
        }
        guard let kind = CatalogItemEdit.Kind(rawValue: context.parameter("kind")) else { throw Problem.notFound() }
        let id = context.parameter("id")
        var errors: [String: String] = [:]
        var texts: [String: String] = [:]
        for field in fields where field.name != "price" {
            let value = (values[field.name] ?? "").trimmedWhitespace
            texts[field.name] = value
            if value.isEmpty {
                errors[field.name] = "error_required"
            } else if value.count > field.maximum {
                errors[field.name] = "error_too_long"
            }
        }
        let price = cents(values["price"] ?? "")
        if price == nil { errors["price"] = "error_price" }
        guard errors.isEmpty, let price else {
            return try page(
                context, language, failed: (id, values), errors: errors, status: .unprocessableContent)
        }
        let edit = CatalogItemEdit(
            kind: kind, id: id, name: LocalizedText(de: texts["name_de"]!, en: texts["name_en"]!),
            description: LocalizedText(de: texts["description_de"]!, en: texts["description_en"]!), netCents: price,
            isActive: values["active"] == "1")
        let found = try context.services.database.transaction { transaction in
            guard
                try CatalogEditor(connection: transaction).apply(
                    edit, actor: caller.principal.userID, requestID: context.request.requestID)
            else { return false }
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: caller.principal, action: .admin("catalog.edit"), target: "\(kind.rawValue):\(id)",
                    ip: context.clientAddress,
                    details: [
                        "request_id": context.request.requestID, "net_cents": "\(price)",
                        "active": "\(edit.isActive)",
                    ]))
            return true
        }
        guard found else { throw Problem.notFound() }
        return PageResponse.seeOther(StaffPage.catalog.path(in: language) + "?done=catalog#item-\(id)")
    }
}
