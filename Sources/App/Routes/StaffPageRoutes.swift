import CivilTime
import Domain
import Foundation
import Pages
import Storage
import Web

/// The back office's pages over the same use cases as `/api/v1/admin/*` and `/api/v1/finance/*` (issue 13):
/// companies with their users (disable, role — admin) and credits (adjustment with a reason — finance), the
/// incidents (retry, resolve — admin) and the audit log (admin). Every post is audited with actor and request
/// id by its use case, answers with a 303 back to the page (`?done=` shows what happened), and bad input
/// re-renders the page with the fields' errors in its language and writes nothing.
enum StaffPageRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            let root = StaffPage.root(language)
            table.add(.get, root, access: .financePage) { try dashboard($0, language) }
            table.add(.get, StaffPage.companies.path(in: language), access: .financePage) {
                try companies($0, language)
            }
            table.add(.get, StaffPage.company.path(in: language) + "{id}", access: .financePage) {
                try company($0, language)
            }
            table.add(.post, StaffPage.company.path(in: language) + "{id}/credits", access: .financePage) {
                try adjustCredits($0, language)
            }
            table.add(.post, root + "users/{id}/disable", access: .adminPage) { try disableUser($0, language) }
            table.add(.post, root + "users/{id}/role", access: .adminPage) { try changeRole($0, language) }
            table.add(.get, StaffPage.incidents.path(in: language), access: .adminPage) {
                try incidents($0, language)
            }
            table.add(.post, root + "incidents/{id}/retry", access: .adminPage) {
                try incidentAction($0, language, retry: true)
            }
            table.add(.post, root + "incidents/{id}/resolve", access: .adminPage) {
                try incidentAction($0, language, retry: false)
            }
            table.add(.get, StaffPage.audit.path(in: language), access: .adminPage) { try audit($0, language) }
        }
    }

    /// `date` as staff read it, in UTC: `06.12.2026 07:05` / `2026-12-06 07:05` (civil arithmetic, no formatter).
    static func date(_ date: Date, _ language: Language) -> String {
        CivilFormat.minutes(seconds: Int64(date.timeIntervalSince1970.rounded(.down)), german: language == .de)
    }

    // MARK: Companies

    static func companies(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.finance)
        let limit = 50
        let offset = max(0, min(Int(context.request.query("offset") ?? "") ?? 0, 1_000_000))
        let list = try context.services.accounts.accounts.companies(limit: limit + 1, offset: offset)
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: .admin("companies.list"), ip: context.clientAddress,
                details: ["request_id": context.request.requestID, "via": "page"]))
        let path = StaffPage.companies.path(in: language)
        var values: TemplateObject = [
            "companies": .list(
                list.prefix(limit).map { company in
                    [
                        "name": .text(company.name), "country": .text(company.country),
                        "vat_id": .text(company.vatId ?? ""), "created": .text(date(company.createdAt, language)),
                        "created_iso": .text(
                            RFC3339Timestamp.text(seconds: Int(company.createdAt.timeIntervalSince1970.rounded(.down)))),
                        "operator": .flag(company.isOperator),
                        "href": .text(StaffPage.company.path(in: language) + company.id.rawValue),
                    ]
                })
        ]
        if offset > 0 { values["previous_href"] = .text(path + "?offset=\(max(0, offset - limit))") }
        if list.count > limit { values["next_href"] = .text(path + "?offset=\(offset + limit)") }
        return try StaffSession.render(.companies, context, language, caller, values)
    }

    static func company(
        _ context: RequestContext, _ language: Language, id given: CompanyID? = nil, form: [String: String] = [:],
        errors: [String: String] = [:], status: HTTPStatus = .ok, extra: TemplateObject? = nil
    ) throws -> Response {
        let caller = try context.requireCaller(.finance)
        let id = given ?? CompanyID(context.parameter("id"))
        let accounts = context.services.accounts.accounts
        guard let company = try accounts.anyCompany(id: id) else { throw Problem.notFound() }
        let members = try accounts.members(ofCompany: id)
        let balance = try CreditLedger(connection: context.services.database).balance(companyID: id.rawValue)
        let isAdmin = caller.principal.role == .admin
        let root = StaffPage.root(language)
        let roles: [Role] = company.isOperator ? [.finance, .admin] : [.client]
        var values: TemplateObject = [
            "company": [
                "name": .text(company.name), "country": .text(company.country), "vat_id": .text(company.vatId ?? "—"),
                "created": .text(date(company.createdAt, language)), "operator": .flag(company.isOperator),
            ],
            "credits": .number(balance), "is_admin": .flag(isAdmin), "values": .strings(form),
            "credits_action": .text(StaffPage.company.path(in: language) + id.rawValue + "/credits"),
            "audit_href": .text(StaffPage.audit.path(in: language) + "?company_id=" + id.rawValue),
            "members": .list(
                members.map { member in
                    [
                        "user_id": .text(member.user.id.rawValue), "email": .text(member.user.email.value),
                        "owner": .flag(member.membership.isOwner), "disabled": .flag(member.user.disabledAt != nil),
                        "role_label": .text(StaffStrings.text("role_" + member.membership.role.rawValue, language)),
                        "company_id": .text(id.rawValue),
                        "role_action": .text(root + "users/\(member.user.id.rawValue)/role"),
                        "disable_action": .text(root + "users/\(member.user.id.rawValue)/disable"),
                        "roles": .list(
                            roles.map { role in
                                [
                                    "value": .text(role.rawValue),
                                    "label": .text(StaffStrings.text("role_" + role.rawValue, language)),
                                    "selected": .flag(role == member.membership.role),
                                ]
                            }),
                    ]
                }),
        ]
        for (key, value) in StaffSession.errors(
            errors, language, labels: ["credits": "field_credits", "reason": "field_reason"])
        {
            values[key] = value
        }
        if isAdmin && !company.isOperator {  // company pricing (StaffPlanPageRoutes)
            let pricing =
                try extra
                ?? StaffPlanPageRoutes.companySection(
                    context, language, companyID: id.rawValue, posted: nil, errors: [:])
            values.merge(pricing) { _, new in new }
        }
        return try StaffSession.render(.company, context, language, caller, values, status: status)
    }

    static func adjustCredits(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.finance)
        let values = SiteForms.dictionary(try SiteForms.decode(context, multiline: ["reason"]))
        let id = CompanyID(context.parameter("id"))
        guard try context.services.accounts.accounts.anyCompany(id: id) != nil else { throw Problem.notFound() }
        var errors: [String: String] = [:]
        let credits = Int((values["credits"] ?? "").trimmedWhitespace)
        if credits == nil || credits == 0 || abs(credits ?? 0) > 1_000_000 { errors["credits"] = "error_credits" }
        let reason = (values["reason"] ?? "").trimmedWhitespace
        if reason.isEmpty {
            errors["reason"] = "error_required"
        } else if reason.count > 500 {
            errors["reason"] = "error_too_long"
        }
        let form = ["credits": values["credits"] ?? "", "reason": values["reason"] ?? ""]
        guard errors.isEmpty, let credits else {
            return try company(context, language, form: form, errors: errors, status: .unprocessableContent)
        }
        let outcome = try AdjustCredits(connection: context.services.database, logger: context.logger).run(
            companyID: id, delta: credits, reason: reason, actor: caller.principal,
            requestID: context.request.requestID, ip: context.clientAddress)
        switch outcome {
        case .adjusted:
            return PageResponse.seeOther(StaffPage.company.path(in: language) + id.rawValue + "?done=credits")
        case .unknownCompany: throw Problem.notFound()
        case .insufficientBalance:
            return try company(
                context, language, form: form, errors: ["form": "error_balance", "credits": "error_balance"],
                status: .conflict)
        }
    }

    // MARK: Users

    /// The company page to return to after a user action (the form's `company_id`), else the companies list.
    static func back(
        _ values: [String: String], _ language: Language, done: String? = nil, error: String? = nil
    )
        -> String
    {
        let query = done.map { "?done=" + $0 } ?? error.map { "?error=" + $0 } ?? ""
        if let company = values["company_id"], UUID(uuidString: company) != nil {
            return StaffPage.company.path(in: language) + company + query
        }
        return StaffPage.companies.path(in: language) + query
    }

    static func disableUser(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        let user = UserID(context.parameter("id"))
        guard user != caller.principal.userID else {
            return try userError(context, language, values, "error_self_disable", status: .conflict)
        }
        guard
            try context.services.accounts.accounts.disable(
                user, by: caller.principal, ip: context.clientAddress, now: Date(),
                requestID: context.request.requestID)
        else { throw Problem.notFound() }
        return PageResponse.seeOther(back(values, language, done: "disabled"))
    }

    static func changeRole(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        guard let role = values["role"].flatMap(Role.init(name:)) else {
            return try userError(context, language, values, "error_role", status: .unprocessableContent)
        }
        guard let company = values["company_id"], UUID(uuidString: company) != nil else {
            return try userError(context, language, values, "error_company_id", status: .unprocessableContent)
        }
        guard
            try context.services.accounts.accounts.changeRole(
                of: UserID(context.parameter("id")), in: CompanyID(company), to: role, by: caller.principal,
                ip: context.clientAddress, requestID: context.request.requestID)
        else { return try userError(context, language, values, "error_role_mismatch", status: .notFound) }
        return PageResponse.seeOther(back(values, language, done: "role"))
    }

    /// The company page again with `key` as the form's error (or a plain error page without a company).
    static func userError(
        _ context: RequestContext, _ language: Language, _ values: [String: String], _ key: String,
        status: HTTPStatus
    ) throws -> Response {
        guard let company = values["company_id"], UUID(uuidString: company) != nil,
            try context.services.accounts.accounts.anyCompany(id: CompanyID(company)) != nil
        else {
            let caller = try context.requireCaller(.finance)
            return try StaffSession.render(
                .companies, context, language, caller, StaffSession.errors(["form": key], language), status: status)
        }
        return try self.company(context, language, id: CompanyID(company), errors: ["form": key], status: status)
    }
}
