import Domain
import Foundation
import Pages
import Storage
import Web

/// The admin's operations pages: incidents (filter, retry, resolve) and the audit log (filter by company).
extension StaffPageRoutes {
    static func incidents(
        _ context: RequestContext, _ language: Language, errors: [String: String] = [:], status: HTTPStatus = .ok
    ) throws -> Response {
        let caller = try context.requireCaller(.admin)
        var problems = errors
        var filter: IncidentStatus? = .open
        let statusText = context.request.query("status") ?? "open"
        if statusText == "all" {
            filter = nil
        } else if let parsed = IncidentStatus(rawValue: statusText) {
            filter = parsed
        } else {
            problems["status"] = "error_status"
        }
        let kindText = (context.request.query("kind") ?? "").trimmedWhitespace
        if kindText.utf8.count > 64 || !kindText.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) {
            problems["kind"] = "error_kind"
        }
        let before = context.request.query("before").flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil }
        let limit = 50
        let list =
            problems.isEmpty
            ? try IncidentStore(connection: context.services.database).list(
                status: filter, kind: kindText.isEmpty ? nil : kindText, before: before, limit: limit) : []
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: .admin("incidents.list"), ip: context.clientAddress,
                details: ["request_id": context.request.requestID, "via": "page"]))
        let root = StaffPage.root(language)
        var values: TemplateObject = [
            "action": .text(StaffPage.incidents.path(in: language)), "kind": .text(kindText),
            "statuses": .list(
                (["all"] + IncidentStatus.allCases.map(\.rawValue)).map { value in
                    [
                        "value": .text(value), "label": .text(StaffStrings.text("status_" + value, language)),
                        "selected": .flag(value == statusText),
                    ]
                }),
            "incidents": .list(
                list.map { incident in
                    var row: TemplateObject = [
                        "id": .text(String(incident.id)), "kind": .text(incident.kind),
                        "status_label": .text(StaffStrings.text("status_" + incident.status.rawValue, language)),
                        "created": .text(date(incident.createdAt, language)), "detail": .text(incident.detail),
                        "note": .text(incident.note ?? ""), "open": .flag(incident.status == .open),
                        "retryable": .flag(incident.isRetryable),
                        "retry_action": .text(root + "incidents/\(incident.id)/retry"),
                        "resolve_action": .text(root + "incidents/\(incident.id)/resolve"),
                    ]
                    if let company = incident.companyID {
                        row["company_href"] = .text(StaffPage.company.path(in: language) + company)
                    }
                    return .object(row)
                }),
        ]
        if list.count == limit, let last = list.last {
            values["next_href"] = .text(
                StaffPage.incidents.path(in: language) + "?status=\(PercentEncoding.encodeFormComponent(statusText))"
                    + "&kind=\(PercentEncoding.encodeFormComponent(kindText))&before=\(last.id)")
        }
        for (key, value) in StaffSession.errors(
            problems, language, labels: ["status": "column_state", "kind": "column_kind"])
        {
            values[key] = value
        }
        let answer: HTTPStatus = problems.isEmpty ? status : (errors.isEmpty ? .badRequest : status)
        return try StaffSession.render(.incidents, context, language, caller, values, status: answer)
    }

    static func incidentAction(_ context: RequestContext, _ language: Language, retry: Bool) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        guard let id = Int64(context.parameter("id")), id > 0 else { throw Problem.notFound() }
        let outcome: IncidentActionOutcome
        if retry {
            outcome = try RetryIncident(connection: context.services.database, logger: context.logger).run(
                id: id, actor: caller.principal, requestID: context.request.requestID, ip: context.clientAddress)
        } else {
            let note = (values["note"] ?? "").trimmedWhitespace
            guard note.count <= 2000 else {
                return try incidents(
                    context, language, errors: ["note": "error_too_long"], status: .unprocessableContent)
            }
            outcome = try ResolveIncident(connection: context.services.database, logger: context.logger).run(
                id: id, note: note.isEmpty ? nil : note, actor: caller.principal,
                requestID: context.request.requestID, ip: context.clientAddress)
        }
        switch outcome {
        case .done:
            return PageResponse.seeOther(
                StaffPage.incidents.path(in: language) + "?done=" + (retry ? "retried" : "resolved"))
        case .notFound: throw Problem.notFound()
        case .notOpen:
            return try incidents(context, language, errors: ["form": "error_incident_not_open"], status: .conflict)
        case .notRetryable:
            return try incidents(
                context, language, errors: ["form": "error_incident_not_retryable"], status: .conflict)
        }
    }

    static func audit(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        var problems: [String: String] = [:]
        let companyText = (context.request.query("company_id") ?? "").trimmedWhitespace
        var company: CompanyID?
        if !companyText.isEmpty {
            if UUID(uuidString: companyText) != nil {
                company = CompanyID(companyText)
            } else {
                problems["company_id"] = "error_company_id"
            }
        }
        let before = context.request.query("before").flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
        let limit = 100
        let records =
            problems.isEmpty
            ? try context.services.accounts.audit.list(companyID: company, before: before, limit: limit) : []
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: .admin("audit.list"), ip: context.clientAddress,
                details: ["request_id": context.request.requestID, "via": "page"]))
        var values: TemplateObject = [
            "action": .text(StaffPage.audit.path(in: language)), "company_id": .text(companyText),
            "entries": .list(
                records.map { record in
                    let entry = record.entry
                    let details = entry.details.keys.sorted().filter { $0 != "request_id" }.map {
                        "\($0)=\(entry.details[$0] ?? "")"
                    }
                    return [
                        "at": .text(date(record.at, language)), "actor": .text(entry.actor?.rawValue ?? "—"),
                        "action": .text(entry.action.name), "target": .text(entry.target ?? ""),
                        "outcome": .text(entry.outcome.rawValue),
                        "request_id": .text(entry.details["request_id"] ?? ""),
                        "details": .text(details.joined(separator: ", ")),
                    ]
                }),
        ]
        if records.count == limit, let last = records.last {
            values["next_href"] = .text(
                StaffPage.audit.path(in: language) + "?company_id=\(PercentEncoding.encodeFormComponent(companyText))"
                    + "&before=\(last.id)")
        }
        for (key, value) in StaffSession.errors(problems, language, labels: ["company_id": "field_company_id"]) {
            values[key] = value
        }
        return try StaffSession.render(
            .audit, context, language, caller, values, status: problems.isEmpty ? .ok : .badRequest)
    }
}
