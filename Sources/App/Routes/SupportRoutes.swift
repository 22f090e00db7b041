import Domain
import Foundation
import Mail
import Storage
import Web

/// Support requests of the caller's company (issue 13 item 7, `/api/v1/support/requests`): open one (subject,
/// message, optionally about one of the company's orders or invoices; at most ten an hour per company), list them,
/// read a thread, write in it (which reopens a closed request) and close it. Another company's request is 404.
enum SupportRoutes {
    static func register(in table: inout RouteTable) {
        let path = "/api/v1/support/requests"
        table.add(
            .post, path,
            RouteDocumentation(
                "Opens a support request {subject ≤ 200, message ≤ 10,000 characters, order_id? or invoice_id? of the"
                    + " company, language? de|en (of the answer mails, default de)}; staff are mailed.",
                tag: "support", access: .authenticated, requestBody: "application/json",
                responses: [
                    (201, "The request with its first message"), (401, "Not signed in"), (403, "CSRF token missing"),
                    (422, "Invalid, or the order/invoice is not the company's"), (429, "Too many new requests"),
                ],
                request: SupportJSON.openSchema, response: SupportJSON.threadSchema(staff: false)), open)
        table.add(
            .get, path,
            RouteDocumentation(
                "The company's support requests, most recently active first (filter: status).", tag: "support",
                access: .authenticated,
                responses: [(200, "Requests"), (400, "Bad filter or paging"), (401, "Not signed in")],
                response: .object(["requests": .array(SupportJSON.requestSchema(staff: false))]),
                query: Paging.parameters + [
                    APIParameter("status", .oneOf(SupportJSON.statusValues), "Only this status")
                ]), list)
        table.add(
            .get, path + "/{id}",
            RouteDocumentation(
                "One support request of the company with its messages, oldest first.", tag: "support",
                access: .authenticated,
                responses: [(200, "The thread"), (401, "Not signed in"), (404, "No such request")],
                response: SupportJSON.threadSchema(staff: false), path: ["id": .uuid]), show)
        table.add(
            .post, path + "/{id}/messages",
            RouteDocumentation(
                "Writes in the thread {message}; a closed request is reopened; staff are mailed.", tag: "support",
                access: .authenticated, requestBody: "application/json",
                responses: [
                    (201, "The thread"), (401, "Not signed in"), (403, "CSRF token missing"),
                    (404, "No such request"), (422, "Invalid message"),
                ],
                request: SupportJSON.messageSchema, response: SupportJSON.threadSchema(staff: false),
                path: ["id": .uuid]), reply)
        table.add(
            .post, path + "/{id}/close",
            RouteDocumentation(
                "Closes the request (a new message reopens it).", tag: "support", access: .authenticated,
                responses: [
                    (200, "The thread"), (401, "Not signed in"), (403, "CSRF token missing"),
                    (404, "No such request"), (409, "Already closed"),
                ],
                response: SupportJSON.threadSchema(staff: false), path: ["id": .uuid]), close)
    }

    static func open(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        var fields = JSONFields(try context.jsonObject())
        let subject = fields.string("subject", maximumLength: 200)
        let body = fields.string("message", maximumLength: 10_000, multiline: true)
        let orderID = fields.optionalString("order_id", maximumLength: 36)
        let invoiceID = fields.optionalString("invoice_id", maximumLength: 36)
        let languageText = fields.optionalString("language", maximumLength: 2)
        if let orderID, UUID(uuidString: orderID) == nil { fields.fail("order_id", "must be a UUID", code: "invalid") }
        if let invoiceID, UUID(uuidString: invoiceID) == nil {
            fields.fail("invoice_id", "must be a UUID", code: "invalid")
        }
        if orderID != nil, invoiceID != nil {
            fields.fail("invoice_id", "name either an order or an invoice, not both", code: "invalid")
        }
        let language = languageText.map { Language(rawValue: $0) } ?? .de
        if language == nil { fields.fail("language", "must be de or en", code: "invalid") }
        try fields.check()
        let reference: SupportStore.Reference? =
            orderID.map { .order($0.lowercased()) }
            ?? invoiceID.map { .invoice($0.lowercased()) }
        let companyID = caller.principal.companyID.rawValue
        try context.enforce(.supportRequests, key: "support:company:\(companyID)", what: "new support requests")
        let outcome = try OpenSupportRequest(
            connection: context.services.database,
            supportAddress: context.services.configuration.mail.leadsTo.address,
            publicURL: context.services.configuration.publicURL, logger: context.logger
        ).run(
            companyID: companyID, userID: caller.principal.userID.rawValue, subject: subject.trimmedWhitespace,
            body: body, language: language ?? .de, reference: reference)
        return try answer(outcome, context, status: .created)
    }

    static func list(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let status = try statusFilter(context)
        let limit = try Paging.limit(context)
        let offset = try Paging.integer(context, "offset", default: 0, in: 0...1_000_000)
        let requests = try SupportStore(connection: context.services.database).requests(
            companyID: caller.principal.companyID.rawValue, status: status, limit: limit, offset: offset)
        return .json(["requests": .array(requests.map { SupportJSON.request($0, staff: false) })]).private()
    }

    static func show(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let store = SupportStore(connection: context.services.database)
        guard
            let request = try store.request(
                id: context.parameter("id"), companyID: caller.principal.companyID.rawValue)
        else { throw Problem.notFound(detail: "There is no such support request.") }
        return .json(SupportJSON.thread(request, try store.messages(requestID: request.id), staff: false)).private()
    }

    static func reply(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        // Another company's request is 404 whatever the body says.
        guard
            try SupportStore(connection: context.services.database).request(
                id: context.parameter("id"), companyID: caller.principal.companyID.rawValue) != nil
        else { throw Problem.notFound(detail: "There is no such support request.") }
        let body = try SupportRoutes.message(context)
        let outcome = try AddSupportMessage(
            connection: context.services.database,
            supportAddress: context.services.configuration.mail.leadsTo.address,
            publicURL: context.services.configuration.publicURL, logger: context.logger
        ).run(
            requestID: context.parameter("id"), companyID: caller.principal.companyID.rawValue,
            author: caller.principal.userID.rawValue, fromStaff: false, body: body, audit: nil)
        return try answer(outcome, context, status: .created)
    }

    static func close(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let outcome = try CloseSupportRequest(connection: context.services.database).run(
            requestID: context.parameter("id"), companyID: caller.principal.companyID.rawValue, audit: nil)
        return try answer(outcome, context, status: .ok)
    }

    /// The `status` query filter (400 unless open, answered or closed).
    static func statusFilter(_ context: RequestContext) throws -> SupportStatus? {
        guard let text = context.request.query("status") else { return nil }
        guard let status = SupportStatus(rawValue: text.uppercased()), text == text.lowercased() else {
            throw Problem.badRequest(
                detail: "status must be open, answered or closed.",
                errors: [FieldError(field: "status", detail: "unknown status", code: "invalid")])
        }
        return status
    }

    /// The response to a use case's outcome: the thread, 404, 409 or 422.
    static func answer(
        _ outcome: SupportOutcome, _ context: RequestContext, status: HTTPStatus, staff: Bool = false
    ) throws -> Response {
        switch outcome {
        case .done(let request):
            let messages = try SupportStore(connection: context.services.database).messages(requestID: request.id)
            return .json(SupportJSON.thread(request, messages, staff: staff), status: status).private()
        case .notFound:
            throw Problem.notFound(detail: "There is no such support request.")
        case .closed:
            throw Problem.conflict(detail: "The support request is closed.")
        case .unknownReference:
            throw Problem.unprocessable(
                detail: "The order or invoice is not one of your company's.",
                errors: [FieldError(field: "reference", detail: "no such order or invoice", code: "not_found")])
        }
    }

    /// A JSON body's message (422 with the field named when missing or against ``SupportText``).
    static func message(_ context: RequestContext) throws -> String {
        var fields = JSONFields(try context.jsonObject())
        let body = fields.string("message", maximumLength: 10_000, multiline: true)
        try fields.check()
        return body
    }
}
