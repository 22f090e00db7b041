import Domain
import Foundation
import Pages
import Postgres
import Storage
import Web

/// Leads from the contact form in the back office (issue 13 item 6, admin): newest first, filtered by status,
/// and the status staff set (new, contacted, qualified, won, lost), audited with actor and request id.
enum StaffLeadPageRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            let path = StaffPage.leads.path(in: language)
            table.add(.get, path, access: .adminPage) { try list($0, language) }
            table.add(.post, path + "/{id}/status", access: .adminPage) { try setStatus($0, language) }
        }
    }

    static func label(_ status: Lead.Status, _ language: Language) -> String {
        StaffStrings.text("lead_" + status.rawValue.lowercased(), language)
    }

    static func list(
        _ context: RequestContext, _ language: Language, errors: [String: String] = [:], status: HTTPStatus = .ok
    ) throws -> Response {
        let caller = try context.requireCaller(.admin)
        var problems = errors
        let statusText = context.request.query("status") ?? "all"
        var filter: Lead.Status?
        if statusText != "all" {
            filter = Lead.Status(rawValue: statusText)
            if filter == nil { problems["status"] = "error_status" }
        }
        let limit = 50
        let offset = max(0, min(Int(context.request.query("offset") ?? "") ?? 0, 1_000_000))
        let leads =
            problems["status"] == nil
            ? try LeadStore(connection: context.services.database).leads(
                status: filter, limit: limit + 1, offset: offset) : []
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: .admin("leads.list"), ip: context.clientAddress,
                details: ["request_id": context.request.requestID, "via": "page"]))
        let path = StaffPage.leads.path(in: language)
        var values: TemplateObject = [
            "action": .text(path),
            "statuses": .list(
                (["all"] + Lead.Status.allCases.map(\.rawValue)).map { value in
                    [
                        "value": .text(value),
                        "label": .text(
                            Lead.Status(rawValue: value).map { label($0, language) }
                                ?? StaffStrings.text("status_all", language)),
                        "selected": .flag(value == statusText),
                    ]
                }),
            "leads": .list(
                leads.prefix(limit).map { lead in
                    [
                        "id": .text(String(lead.id)),
                        "received": .text(StaffPageRoutes.date(lead.receivedAt, language)),
                        "name": .text(lead.name), "company": .text(lead.company), "email": .text(lead.email),
                        "phone": .text(lead.phone ?? ""), "message": .text(lead.message),
                        "language": .text(lead.language), "status_action": .text(path + "/\(lead.id)/status"),
                        "options": .list(
                            Lead.Status.allCases.map { option in
                                [
                                    "value": .text(option.rawValue), "label": .text(label(option, language)),
                                    "selected": .flag(option == lead.status),
                                ]
                            }),
                    ]
                }),
        ]
        if leads.count > limit {
            values["next_href"] = .text(
                path + "?status=\(PercentEncoding.encodeFormComponent(statusText))&offset=\(offset + limit)")
        }
        for (key, value) in StaffSession.errors(problems, language, labels: ["status": "column_state"]) {
            values[key] = value
        }
        let answer: HTTPStatus = problems.isEmpty ? .ok : (errors.isEmpty ? .badRequest : status)
        return try StaffSession.render(.leads, context, language, caller, values, status: answer)
    }

    static func setStatus(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        guard let id = Int(context.parameter("id")), id > 0 else { throw Problem.notFound() }
        guard let status = values["status"].flatMap(Lead.Status.init(rawValue:)) else {
            return try list(
                context, language, errors: ["form": "error_status", "status": "error_status"],
                status: .unprocessableContent)
        }
        let previous = try context.services.database.transaction { transaction -> Lead.Status? in
            guard let previous = try LeadStore(connection: transaction).setStatus(id: id, to: status) else {
                return nil
            }
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: caller.principal, action: .admin("lead.status"), target: "\(id)", ip: context.clientAddress,
                    details: [
                        "request_id": context.request.requestID, "from": previous.rawValue, "to": status.rawValue,
                    ]))
            return previous
        }
        guard previous != nil else { throw Problem.notFound() }
        return PageResponse.seeOther(StaffPage.leads.path(in: language) + "?done=lead#lead-\(id)")
    }
}
