import CivilTime
import Domain
import Foundation
import Pages
import Postgres
import Storage
import Web

/// The back office's plan prices and company pricing (issue 13 item 6, admin), over the same store as
/// `POST /api/v1/admin/plans/{id}/prices` and `POST /api/v1/admin/companies/{id}/pricing`: every plan with its
/// price versions, a form that adds a version (base fee, included units and overage price per metric, a start
/// that is never in the past — a change applies from the next period), and on the company page the company's own
/// versions with the same form. Versions are append-only; each addition is audited. Bad input re-renders the page
/// with the fields' errors in its language and writes nothing.
enum StaffPlanPageRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            let path = StaffPage.plans.path(in: language)
            table.add(.get, path, access: .adminPage) { try page($0, language) }
            table.add(.post, path + "/{id}/prices", access: .adminPage) { try addListPrice($0, language) }
            table.add(.post, StaffPage.company.path(in: language) + "{id}/pricing", access: .adminPage) {
                try addCompanyPrice($0, language)
            }
        }
    }

    /// `seconds` as a UTC date and time for staff.
    static func when(_ seconds: Int, _ language: Language) -> String {
        StaffPageRoutes.date(Date(timeIntervalSince1970: TimeInterval(seconds)), language)
    }

    /// The rows of a list of versions (newest first), marking the one in force now and those scheduled.
    static func versionRows(
        _ versions: [PlanPrice], metrics: [UsageMetricRecord], _ language: Language
    )
        -> TemplateValue
    {
        let now = PlanRoutes.nowSeconds
        let current = versions.filter { $0.effectiveFrom <= now }.max { $0.effectiveFrom < $1.effectiveFrom }
        let rows = versions.sorted { $0.effectiveFrom > $1.effectiveFrom }.map { version -> TemplateValue in
            let allowances = version.allowances.map { allowance -> String in
                let metric = metrics.first { $0.id == allowance.metric }
                let name = metric?.name.text(in: language) ?? allowance.metric
                let unit = metric?.unit.text(in: language) ?? ""
                let price =
                    language == .de
                    ? allowance.overagePrice.euroText.replacingOccurrences(of: ".", with: ",")
                    : allowance.overagePrice.euroText
                return "\(name): \(allowance.included) \(unit) "
                    + StaffStrings.text("plans_included_then", language) + " \(price) €"
            }
            let state =
                version == current
                ? "plans_state_current" : version.effectiveFrom > now ? "plans_state_scheduled" : "plans_state_past"
            return [
                "plan_id": .text(version.planID), "from": .text(when(version.effectiveFrom, language)),
                "base_fee": .text(PriceFormat.text(version.baseFee, in: language)),
                "allowances": .text(allowances.joined(separator: "; ")),
                "state": .text(StaffStrings.text(state, language)), "current": .flag(version == current),
            ]
        }
        return .list(rows)
    }

    /// The fields of a price form (`base_fee`, `effective_from`, `included_<metric>`, `overage_<metric>`), filled
    /// with `posted` and showing `errors`; `prefix` keeps the input ids unique on a page with several forms.
    static func priceFields(
        prefix: String, metrics: [UsageMetricRecord], posted: [String: String]?, errors: [String: String],
        _ language: Language
    ) -> TemplateValue {
        let text = { (key: String) in StaffStrings.text(key, language) }
        var list: [(String, String, String?)] = [
            ("base_fee", text("field_base_fee"), text("hint_price")),
            ("effective_from", text("field_effective_from"), text("hint_effective_from")),
        ]
        for metric in metrics {
            let name = metric.name.text(in: language)
            list.append(
                (
                    "included_\(metric.id)", text("field_included") + " \(name) (\(metric.unit.text(in: language)))",
                    text("hint_included")
                ))
            list.append(("overage_\(metric.id)", text("field_overage") + " \(name)", text("hint_overage")))
        }
        return .list(
            list.map { name, label, hint in
                var field: TemplateObject = [
                    "name": .text(name), "label": .text(label), "input_id": .text("\(prefix)-\(name)"),
                    "value": .text(posted?[name] ?? ""), "plain": true, "multiline": false, "select": false,
                ]
                if let hint { field["hint"] = .text(hint) }
                if posted != nil, let error = errors[name] { field["error"] = .text(text(error)) }
                return .object(field)
            })
    }

    /// Reads a price version for `planID` from a posted form; nil with `errors` filled when something is wrong.
    /// The included units and overage price of a metric are optional together (both empty: not priced).
    static func readPrice(
        _ values: [String: String], planID: String, baseFeeField: String?, baseFee: Int?,
        metrics: [UsageMetricRecord], errors: inout [String: String]
    ) -> PlanPrice? {
        let value = { (name: String) in (values[name] ?? "").trimmedWhitespace }
        var fee = baseFee ?? 0
        if let baseFeeField {
            if let cents = StaffCatalogPageRoutes.cents(value(baseFeeField)) {
                fee = cents
            } else {
                errors[baseFeeField] = "error_price"
            }
        }
        let now = PlanRoutes.nowSeconds
        var effectiveFrom = now
        if baseFeeField != nil, !value("effective_from").isEmpty {
            if let start = dayStart(value("effective_from")), start >= now {
                effectiveFrom = start
            } else {
                errors["effective_from"] = "error_effective_from"
            }
        }
        var allowances: [MetricAllowance] = []
        for metric in metrics {
            let included = value("included_\(metric.id)")
            let overage = value("overage_\(metric.id)")
            if included.isEmpty && overage.isEmpty { continue }
            var quantity = UsageQuantity.zero
            switch UsageQuantity.parse(included.isEmpty ? "0" : included.replacingOccurrences(of: ",", with: ".")) {
            case .success(let parsed): quantity = parsed
            case .failure: errors["included_\(metric.id)"] = "error_included"
            }
            let price = UnitPrice.parse(euros: overage.replacingOccurrences(of: ",", with: "."))
            if price == nil { errors["overage_\(metric.id)"] = "error_overage" }
            allowances.append(
                MetricAllowance(
                    metric: metric.id, included: quantity, overagePrice: price ?? UnitPrice(hundredthsOfCent: 0)))
        }
        guard errors.isEmpty else { return nil }
        return PlanPrice(planID: planID, effectiveFrom: effectiveFrom, baseFee: .eur(fee), allowances: allowances)
    }

    /// `YYYY-MM-DD` (or `DD.MM.YYYY`) as the start of that day in UTC, in seconds; nil otherwise.
    static func dayStart(_ text: String) -> Int? {
        let parts =
            text.contains(".")
            ? text.split(separator: ".").reversed().map(String.init) : text.split(separator: "-").map(String.init)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (2000...2100).contains(year), parts[0].count == 4
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: Int64(month), year: Int64(year))
        else { return nil }
        return Int(CivilCalendar.dayNumber(year: Int64(year), month: Int64(month), day: Int64(day)) * 86_400)
    }

    static func page(
        _ context: RequestContext, _ language: Language, failed: (id: String, values: [String: String])? = nil,
        errors: [String: String] = [:], status: HTTPStatus = .ok
    ) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let store = PlanPriceStore(connection: context.services.database)
        let metrics = try store.metrics()
        let plans = try store.plans().map { plan -> TemplateValue in
            let posted = failed?.id == plan.id ? failed?.values : nil
            var row: TemplateObject = [
                "id": .text(plan.id), "name": .text(plan.name.text(in: language)), "active": .flag(plan.isActive),
                "versions": versionRows(plan.versions, metrics: metrics, language),
                "action": .text(StaffPage.plans.path(in: language) + "/\(plan.id)/prices"),
                "fields": priceFields(prefix: plan.id, metrics: metrics, posted: posted, errors: errors, language),
            ]
            if posted != nil, !errors.isEmpty {
                row["form_error"] = .text(StaffStrings.text(errors["form"] ?? "error_form", language))
            }
            return .object(row)
        }
        return try StaffSession.render(.plans, context, language, caller, ["plans": .list(plans)], status: status)
    }

    static func addListPrice(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        let store = PlanPriceStore(connection: context.services.database)
        let planID = context.parameter("id")
        guard try store.plan(id: planID) != nil else { throw Problem.notFound() }
        var errors: [String: String] = [:]
        guard
            let price = readPrice(
                values, planID: planID, baseFeeField: "base_fee", baseFee: nil, metrics: try store.metrics(),
                errors: &errors)
        else {
            return try page(context, language, failed: (planID, values), errors: errors, status: .unprocessableContent)
        }
        let added = try context.services.database.transaction { transaction in
            guard
                try PlanPriceStore(connection: transaction).addListVersion(
                    price, createdBy: caller.principal.userID.rawValue)
            else { return false }
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: caller.principal, action: .admin("plans.price_add"), target: planID, ip: context.clientAddress,
                    details: [
                        "request_id": context.request.requestID, "base_fee_cents": "\(price.baseFee.cents)",
                        "effective_from": "\(price.effectiveFrom)",
                    ]))
            return true
        }
        guard added else {
            return try page(
                context, language, failed: (planID, values),
                errors: ["form": "error_version_exists", "effective_from": "error_version_exists"], status: .conflict)
        }
        return PageResponse.seeOther(StaffPage.plans.path(in: language) + "?done=price#plan-\(planID)")
    }

    /// The company page's pricing section (admins, customer companies): the company's versions and the form.
    static func companySection(
        _ context: RequestContext, _ language: Language, companyID: String, posted: [String: String]?,
        errors: [String: String]
    ) throws -> TemplateObject {
        let store = PlanPriceStore(connection: context.services.database)
        let metrics = try store.metrics()
        let plans = try store.plans()
        var section: TemplateObject = [
            "versions": versionRows(
                try store.companyVersions(companyID: companyID, planID: nil), metrics: metrics, language),
            "action": .text(StaffPage.company.path(in: language) + companyID + "/pricing"),
            "plan_options": .list(
                plans.map { plan -> TemplateValue in
                    [
                        "value": .text(plan.id), "label": .text("\(plan.name.text(in: language)) (\(plan.id))"),
                        "selected": .flag(posted?["plan_id"] == plan.id),
                    ]
                }),
            "fields": priceFields(prefix: "company", metrics: metrics, posted: posted, errors: errors, language),
            "note": .text(posted?["note"] ?? ""), "show_plan": true,
        ]
        if posted != nil, !errors.isEmpty {
            section["form_error"] = .text(StaffStrings.text(errors["form"] ?? "error_form", language))
            for name in ["plan_id", "note"] {
                if let error = errors[name] { section["\(name)_error"] = .text(StaffStrings.text(error, language)) }
            }
        }
        return ["pricing": .object(section)]
    }

    static func addCompanyPrice(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let values = SiteForms.dictionary(try SiteForms.decode(context, multiline: ["note"]))
        let companyID = context.parameter("id")
        let store = PlanPriceStore(connection: context.services.database)
        guard try store.isCustomerCompany(id: companyID) else { throw Problem.notFound() }
        var errors: [String: String] = [:]
        let planID = (values["plan_id"] ?? "").trimmedWhitespace
        if try store.plan(id: planID) == nil { errors["plan_id"] = "error_plan" }
        let note = (values["note"] ?? "").trimmedWhitespace
        if note.count > 500 { errors["note"] = "error_too_long" }
        let price = readPrice(
            values, planID: planID, baseFeeField: "base_fee", baseFee: nil, metrics: try store.metrics(),
            errors: &errors)
        let failed = { (errors: [String: String], status: HTTPStatus) in
            try StaffPageRoutes.company(
                context, language, id: CompanyID(companyID), status: status,
                extra: try companySection(context, language, companyID: companyID, posted: values, errors: errors))
        }
        guard errors.isEmpty, let price else { return try failed(errors, .unprocessableContent) }
        let added = try context.services.database.transaction { transaction in
            guard
                try PlanPriceStore(connection: transaction).addCompanyVersion(
                    price, companyID: companyID, note: note.isEmpty ? nil : note,
                    createdBy: caller.principal.userID.rawValue)
            else { return false }
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: caller.principal, action: .admin("company_pricing.add"), target: companyID,
                    ip: context.clientAddress,
                    details: [
                        "request_id": context.request.requestID, "plan_id": planID,
                        "base_fee_cents": "\(price.baseFee.cents)",
                    ]))
            return true
        }
        guard added else {
            return try failed(["form": "error_version_exists", "effective_from": "error_version_exists"], .conflict)
        }
        return PageResponse.seeOther(StaffPage.company.path(in: language) + companyID + "?done=pricing#pricing-heading")
    }
}
