import Domain
import Foundation
import Logging
import Pages
import Postgres
import Storage
import Stripe
import Web

/// The back office's orders (issue 13 item 4, admin): the list with filters (fulfilment status, company), one
/// order with its lines and history, and the fulfilment steps — start, deliver, cancel with a refund and a
/// correction (``AdvanceFulfilment``) — plus assignment to a staff member and notes, each audited with actor and
/// request id. The client sees the status on the portal's orders page.
enum StaffOrderPageRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            let order = StaffPage.order.path(in: language)
            table.add(.get, StaffPage.orders.path(in: language), access: .adminPage) { try list($0, language) }
            table.add(.get, order + "{id}", access: .adminPage) { try detail($0, language) }
            table.add(.post, order + "{id}/fulfilment", access: .adminPage) { try advance($0, language) }
            table.add(.post, order + "{id}/assign", access: .adminPage) { try assign($0, language) }
            table.add(.post, order + "{id}/notes", access: .adminPage) { try note($0, language) }
        }
    }

    static func statusKey(_ status: FulfilmentStatus?) -> String {
        "fulfilment_" + (status?.rawValue.lowercased() ?? "pending")
    }

    static func money(_ cents: Int, _ currency: Currency, _ language: Language) -> String {
        PriceFormat.text(Money(cents: cents, currency: currency), in: language)
    }

    static func list(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        var problems: [String: String] = [:]
        let statusText = context.request.query("status") ?? "all"
        var status: FulfilmentStatus?
        if statusText != "all" {
            status = FulfilmentStatus(rawValue: statusText)
            if status == nil { problems["status"] = "error_status" }
        }
        let companyText = (context.request.query("company_id") ?? "").trimmedWhitespace
        if !companyText.isEmpty, UUID(uuidString: companyText) == nil { problems["company_id"] = "error_company_id" }
        let limit = 50
        let offset = max(0, min(Int(context.request.query("offset") ?? "") ?? 0, 1_000_000))
        let orders =
            problems.isEmpty
            ? try OrderFulfilmentStore(connection: context.services.database).summaries(
                status: status, companyID: companyText.isEmpty ? nil : companyText, limit: limit + 1, offset: offset)
            : []
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: .admin("orders.list"), ip: context.clientAddress,
                details: ["request_id": context.request.requestID, "via": "page"]))
        let path = StaffPage.orders.path(in: language)
        let query =
            "status=\(PercentEncoding.encodeFormComponent(statusText))"
            + "&company_id=\(PercentEncoding.encodeFormComponent(companyText))"
        var values: TemplateObject = [
            "action": .text(path), "company_id": .text(companyText),
            "statuses": .list(
                (["all"] + FulfilmentStatus.allCases.map(\.rawValue)).map { value in
                    [
                        "value": .text(value),
                        "label": .text(
                            StaffStrings.text(
                                value == "all" ? "status_all" : statusKey(FulfilmentStatus(rawValue: value)), language)),
                        "selected": .flag(value == statusText),
                    ]
                }),
            "orders": .list(
                orders.prefix(limit).map { order in
                    [
                        "href": .text(StaffPage.order.path(in: language) + order.id),
                        "short_id": .text(String(order.id.prefix(8))),
                        "created": .text(StaffPageRoutes.date(order.created, language)),
                        "company": .text(order.companyName), "package": .text(order.packageID),
                        "amount": .text(
                            money(order.amountCents, (try? Currency(code: order.currency)) ?? .eur, language)),
                        "status_label": .text(
                            StaffStrings.text(
                                order.orderStatus == "PAID" ? statusKey(order.fulfilment) : statusKey(nil), language)),
                        "assignee": .text(order.assignee ?? "—"),
                    ]
                }),
        ]
        if offset > 0 { values["previous_href"] = .text(path + "?\(query)&offset=\(max(0, offset - limit))") }
        if orders.count > limit { values["next_href"] = .text(path + "?\(query)&offset=\(offset + limit)") }
        for (key, value) in StaffSession.errors(
            problems, language, labels: ["status": "column_state", "company_id": "field_company_id"])
        {
            values[key] = value
        }
        return try StaffSession.render(
            .orders, context, language, caller, values, status: problems.isEmpty ? .ok : .badRequest)
    }

    static func detail(
        _ context: RequestContext, _ language: Language, form: [String: String] = [:],
        errors: [String: String] = [:], status: HTTPStatus = .ok
    ) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let id = context.parameter("id")
        let connection = context.services.database
        guard let order = try OrderStore(connection: connection).order(anyID: id),
            let company = try context.services.accounts.accounts.anyCompany(id: order.companyID)
        else { throw Problem.notFound() }
        let store = OrderFulfilmentStore(connection: connection)
        let fulfilment = try store.status(orderID: id)
        let events = try store.events(orderID: id)
        let staff = try store.staff()
        let assignee = events.last { $0.kind == "assign" }?.assignee
        let text = { (key: String) in StaffStrings.text(key, language) }
        var values: TemplateObject = [
            "order": [
                "id": .text(order.id), "company": .text(company.name),
                "company_href": .text(StaffPage.company.path(in: language) + order.companyID.rawValue),
                "created": .text(StaffPageRoutes.date(order.created, language)),
                "amount": .text(money(order.amountCents, order.currency, language)),
                "status_label": .text(text(statusKey(order.status == .paid ? fulfilment : nil))),
                "assignee": .text(assignee ?? "—"),
            ],
            "lines": .list(
                order.lines.map { line in
                    [
                        "name": .text(language == .de ? line.nameDE : line.nameEN), "quantity": .number(line.quantity),
                        "amount": .text(money(line.lineNetCents, order.currency, language)),
                    ]
                }),
            "paid": .flag(fulfilment != nil), "actionable": .flag(fulfilment.map { !$0.isFinal } ?? false),
            "can_start": .flag(fulfilment == .paid), "can_deliver": .flag(fulfilment == .inProgress),
            "step_action": .text(StaffPage.order.path(in: language) + id + "/fulfilment"),
            "assign_action": .text(StaffPage.order.path(in: language) + id + "/assign"),
            "note_action": .text(StaffPage.order.path(in: language) + id + "/notes"),
            "staff": .list(
                staff.map {
                    ["id": .text($0.id), "email": .text($0.email), "selected": .flag($0.email == assignee)]
                }),
            "events": .list(
                events.map { event in
                    let line: String
                    switch event.kind {
                    case "status":
                        let to = FulfilmentStatus(rawValue: event.toStatus ?? "")
                        line =
                            text("history_status") + ": " + text(statusKey(to)) + (event.note.map { " — " + $0 } ?? "")
                    case "assign": line = text("history_assign") + " " + (event.assignee ?? "—")
                    default: line = text("history_note") + ": " + (event.note ?? "")
                    }
                    return [
                        "at": .text(StaffPageRoutes.date(event.at, language)), "actor": .text(event.actor ?? "—"),
                        "text": .text(line),
                    ]
                }),
            "values": .strings(form),
        ]
        for (key, value) in StaffSession.errors(
            errors, language,
            labels: ["reason": "field_cancel_reason", "note": "field_note", "assignee": "column_assignee"])
        {
            values[key] = value
        }
        return try StaffSession.render(.order, context, language, caller, values, status: status)
    }

    static func advance(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        let id = context.parameter("id")
        guard let event = values["event"].flatMap(FulfilmentTransition.Event.init(rawValue:)) else {
            return try detail(context, language, errors: ["form": "error_event"], status: .unprocessableContent)
        }
        let reason = (values["reason"] ?? "").trimmedWhitespace
        if event == .cancel {
            var errors: [String: String] = [:]
            if reason.isEmpty { errors["reason"] = "error_required" }
            if reason.count > 500 { errors["reason"] = "error_too_long" }
            if !errors.isEmpty {
                return try detail(
                    context, language, form: ["reason": values["reason"] ?? ""], errors: errors,
                    status: .unprocessableContent)
            }
        }
        let billing = context.services.billing
        let outcome = try AdvanceFulfilment(
            connection: context.services.database, gateway: { () throws(StripeError) in try billing.gateway() },
            seller: context.services.configuration.seller, logger: context.logger
        ).run(
            orderID: id, event: event, note: event == .cancel ? reason : nil, actor: caller.principal,
            requestID: context.request.requestID, ip: context.clientAddress)
        switch outcome {
        case .done: return PageResponse.seeOther(StaffPage.order.path(in: language) + id + "?done=fulfilment")
        case .notFound: throw Problem.notFound()
        case .rejected(.final):
            return try detail(context, language, errors: ["form": "error_fulfilment_final"], status: .conflict)
        case .rejected(.notFrom):
            return try detail(context, language, errors: ["form": "error_fulfilment_order"], status: .conflict)
        case .refundFailed(let reason):
            context.logger.warning(
                "order cancellation refused", metadata: ["order.id": "\(id)", "reason": "\(reason)"])
            return try detail(context, language, errors: ["form": "error_refund"], status: .badGateway)
        }
    }

    static func assign(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        let id = context.parameter("id")
        let connection = context.services.database
        guard try OrderFulfilmentStore(connection: connection).status(orderID: id) != nil else {
            throw Problem.notFound()
        }
        let text = (values["assignee"] ?? "").trimmedWhitespace
        let assignee = text.isEmpty ? nil : UserID(text)
        let assigned = try connection.transaction { transaction in
            guard
                try OrderFulfilmentStore(connection: transaction).assign(
                    orderID: id, assignee: assignee, actor: caller.principal.userID,
                    requestID: context.request.requestID)
            else { return false }
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: caller.principal, action: .admin("order.assign"), target: id, ip: context.clientAddress,
                    details: ["request_id": context.request.requestID, "assignee": text]))
            return true
        }
        guard assigned else {
            return try detail(context, language, errors: ["assignee": "error_assignee"], status: .unprocessableContent)
        }
        return PageResponse.seeOther(StaffPage.order.path(in: language) + id + "?done=assigned")
    }

    static func note(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let values = SiteForms.dictionary(try SiteForms.decode(context, multiline: ["note"]))
        let id = context.parameter("id")
        let connection = context.services.database
        guard try OrderFulfilmentStore(connection: connection).status(orderID: id) != nil else {
            throw Problem.notFound()
        }
        let note = (values["note"] ?? "").trimmedWhitespace
        guard !note.isEmpty, note.count <= 2000 else {
            return try detail(
                context, language, form: ["note": values["note"] ?? ""],
                errors: ["note": note.isEmpty ? "error_required" : "error_too_long"], status: .unprocessableContent)
        }
        try connection.transaction { transaction in
            try OrderFulfilmentStore(connection: transaction).addNote(
                orderID: id, note: note, actor: caller.principal.userID, requestID: context.request.requestID)
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: caller.principal, action: .admin("order.note"), target: id, ip: context.clientAddress,
                    details: ["request_id": context.request.requestID]))
        }
        return PageResponse.seeOther(StaffPage.order.path(in: language) + id + "?done=note")
    }
}
