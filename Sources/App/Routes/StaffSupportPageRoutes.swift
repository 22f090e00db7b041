import Domain
import Foundation
import Mail
import Pages
import Storage
import Web

/// Support requests in the back office (issue 13 item 7, admin with the second factor): every company's requests
/// filtered by status (the navigation counts the open ones), a thread with the answer form and close — the same
/// use cases as `/api/v1/admin/support/requests`, audited with actor and request id.
enum StaffSupportPageRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            let request = StaffPage.supportRequest.path(in: language)
            table.add(.get, StaffPage.support.path(in: language), access: .adminPage) { try list($0, language) }
            table.add(.get, request + "{id}", access: .adminPage) { try detail($0, language) }
            table.add(.post, request + "{id}/messages", access: .adminPage) { try answer($0, language) }
            table.add(.post, request + "{id}/close", access: .adminPage) { try close($0, language) }
        }
    }

    static func label(_ status: SupportStatus, _ language: Language) -> String {
        StaffStrings.text("support_" + status.rawValue.lowercased(), language)
    }

    static func about(_ request: SupportRequestRecord, _ language: Language) -> String {
        if let number = request.invoiceNumber { return StaffStrings.text("support_invoice", language) + " " + number }
        if let order = request.orderID { return StaffStrings.text("support_order", language) + " " + order }
        return "—"
    }

    static func list(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        var problems: [String: String] = [:]
        let statusText = context.request.query("status") ?? "all"
        var filter: SupportStatus?
        if statusText != "all" {
            filter = SupportStatus(rawValue: statusText)
            if filter == nil { problems["status"] = "error_status" }
        }
        let limit = 50
        let offset = max(0, min(Int(context.request.query("offset") ?? "") ?? 0, 1_000_000))
        let requests =
            problems.isEmpty
            ? try SupportStore(connection: context.services.database).requests(
                companyID: nil, status: filter, limit: limit + 1, offset: offset) : []
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: .admin("support.list"), ip: context.clientAddress,
                details: ["request_id": context.request.requestID, "via": "page"]))
        let path = StaffPage.support.path(in: language)
        var values: TemplateObject = [
            "action": .text(path),
            "statuses": .list(
                (["all"] + SupportStatus.allCases.map(\.rawValue)).map { value in
                    [
                        "value": .text(value),
                        "label": .text(
                            SupportStatus(rawValue: value).map { label($0, language) }
                                ?? StaffStrings.text("status_all", language)),
                        "selected": .flag(value == statusText),
                    ]
                }),
            "requests": .list(
                requests.prefix(limit).map { request in
                    [
                        "href": .text(StaffPage.supportRequest.path(in: language) + request.id),
                        "updated": .text(StaffPageRoutes.date(request.updated, language)),
                        "company": .text(request.companyName), "subject": .text(request.subject),
                        "about": .text(about(request, language)), "messages": .text(String(request.messageCount)),
                        "status_label": .text(label(request.status, language)),
                    ]
                }),
        ]
        if requests.count > limit {
            values["next_href"] = .text(
                path + "?status=\(PercentEncoding.encodeFormComponent(statusText))&offset=\(offset + limit)")
        }
        for (key, value) in StaffSession.errors(problems, language, labels: ["status": "column_state"]) {
            values[key] = value
        }
        return try StaffSession.render(
            .support, context, language, caller, values, status: problems.isEmpty ? .ok : .badRequest)
    }

    static func detail(
        _ context: RequestContext, _ language: Language, form: [String: String] = [:],
        errors: [String: String] = [:], status: HTTPStatus = .ok
    ) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let store = SupportStore(connection: context.services.database)
        guard let request = try store.request(id: context.parameter("id"), companyID: nil) else {
            throw Problem.notFound()
        }
        let text = { (key: String) in StaffStrings.text(key, language) }
        let path = StaffPage.supportRequest.path(in: language) + request.id
        var values: TemplateObject = [
            "request": [
                "subject": .text(request.subject), "company": .text(request.companyName),
                "company_href": .text(StaffPage.company.path(in: language) + request.companyID),
                "opened_by": .text(request.openerEmail ?? "—"),
                "created": .text(StaffPageRoutes.date(request.created, language)),
                "status_label": .text(label(request.status, language)), "about": .text(about(request, language)),
                "language": .text(request.language.endonym),
            ],
            "messages": .list(
                try store.messages(requestID: request.id).map { message in
                    [
                        "from": .text(text(message.fromStaff ? "support_from_staff" : "support_from_client")),
                        "author": .text(message.authorEmail ?? "—"),
                        "at": .text(StaffPageRoutes.date(message.created, language)),
                        "lines": .texts(
                            message.body.split(separator: "\n", omittingEmptySubsequences: false).map {
                                String($0.trimmingCharacters(in: CharacterSet(charactersIn: "\r")))
                            }),
                    ]
                }),
            "open": .flag(request.status != .closed), "answer_action": .text(path + "/messages"),
            "close_action": .text(path + "/close"), "values": .strings(form),
        ]
        for (key, value) in StaffSession.errors(errors, language, labels: ["message": "field_answer"]) {
            values[key] = value
        }
        return try StaffSession.render(.supportRequest, context, language, caller, values, status: status)
    }

    static func answer(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let values = SiteForms.dictionary(try SiteForms.decode(context, multiline: ["message"]))
        let id = context.parameter("id")
        guard try SupportStore(connection: context.services.database).request(id: id, companyID: nil) != nil else {
            throw Problem.notFound()
        }
        let body = values["message"] ?? ""
        if let problem = SupportText.problem(body, SupportText.message) {
            let key =
                switch problem {
                case .required: "error_required"
                case .tooLong: "error_too_long"
                case .controlCharacter: "error_control_character"
                }
            return try detail(
                context, language, form: ["message": body], errors: ["message": key], status: .unprocessableContent)
        }
        let outcome = try AddSupportMessage(
            connection: context.services.database,
            supportAddress: context.services.configuration.mail.leadsTo.address,
            publicURL: context.services.configuration.publicURL, logger: context.logger
        ).run(
            requestID: id, companyID: nil, author: caller.principal.userID.rawValue, fromStaff: true, body: body,
            audit: StaffSupportRoutes.audit(caller, context, "support.answer", id, via: "page"))
        return try respond(outcome, context, language, id: id, done: "support_answered")
    }

    static func close(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        _ = try SiteForms.decode(context)
        let id = context.parameter("id")
        let outcome = try CloseSupportRequest(connection: context.services.database).run(
            requestID: id, companyID: nil,
            audit: StaffSupportRoutes.audit(caller, context, "support.close", id, via: "page"))
        return try respond(outcome, context, language, id: id, done: "support_closed")
    }

    static func respond(
        _ outcome: SupportOutcome, _ context: RequestContext, _ language: Language, id: String, done: String
    ) throws -> Response {
        switch outcome {
        case .done:
            return PageResponse.seeOther(StaffPage.supportRequest.path(in: language) + id + "?done=" + done)
        case .closed:
            return try detail(context, language, errors: ["form": "error_support_closed"], status: .conflict)
        case .notFound, .unknownReference:
            throw Problem.notFound()
        }
    }
}
