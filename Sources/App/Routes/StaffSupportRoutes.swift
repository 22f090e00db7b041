import Domain
import Mail
import Storage
import Web

/// Support requests for staff (issue 13 item 7, `/api/v1/admin/support/requests`, admin with the second factor):
/// every company's requests, a thread, an answer (mailed to the client in the request's language) and closing;
/// answers and closes are audited with actor and request id.
enum StaffSupportRoutes {
    static func register(in table: inout RouteTable) {
        let path = "/api/v1/admin/support/requests"
        table.add(
            .get, path,
            RouteDocumentation(
                "Every company's support requests, most recently active first (filter: status).", tag: "admin",
                access: .admin,
                responses: [
                    (200, "Requests"), (400, "Bad filter or paging"), (401, "Not signed in"), (403, "Not an admin"),
                ],
                response: .object(["requests": .array(SupportJSON.requestSchema(staff: true))]),
                query: Paging.parameters + [
                    APIParameter("status", .oneOf(SupportJSON.statusValues), "Only this status")
                ]), list)
        table.add(
            .get, path + "/{id}",
            RouteDocumentation(
                "One support request with its messages.", tag: "admin", access: .admin,
                responses: [
                    (200, "The thread"), (401, "Not signed in"), (403, "Not an admin"), (404, "No such request"),
                ],
                response: SupportJSON.threadSchema(staff: true), path: ["id": .uuid]), show)
        table.add(
            .post, path + "/{id}/messages",
            RouteDocumentation(
                "Answers the request {message ≤ 10,000 characters} → ANSWERED; the client who opened it is mailed.",
                tag: "admin", access: .admin, requestBody: "application/json",
                responses: [
                    (201, "The thread"), (401, "Not signed in"), (403, "Not an admin or no CSRF token"),
                    (404, "No such request"), (409, "Closed"), (422, "Invalid message"),
                ],
                request: SupportJSON.messageSchema, response: SupportJSON.threadSchema(staff: true),
                path: ["id": .uuid]), answer)
        table.add(
            .post, path + "/{id}/close",
            RouteDocumentation(
                "Closes the request.", tag: "admin", access: .admin,
                responses: [
                    (200, "The thread"), (401, "Not signed in"), (403, "Not an admin or no CSRF token"),
                    (404, "No such request"), (409, "Already closed"),
                ],
                response: SupportJSON.threadSchema(staff: true), path: ["id": .uuid]), close)
    }

    static func list(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let status = try SupportRoutes.statusFilter(context)
        let limit = try Paging.limit(context)
        let offset = try Paging.integer(context, "offset", default: 0, in: 0...1_000_000)
        let requests = try SupportStore(connection: context.services.database).requests(
            companyID: nil, status: status, limit: limit, offset: offset)
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: .admin("support.list"), ip: context.clientAddress,
                details: ["request_id": context.request.requestID]))
        return .json(["requests": .array(requests.map { SupportJSON.request($0, staff: true) })]).private()
    }

    static func show(_ context: RequestContext) throws -> Response {
        try context.requireCaller(.admin)
        let store = SupportStore(connection: context.services.database)
        guard let request = try store.request(id: context.parameter("id"), companyID: nil) else {
            throw Problem.notFound(detail: "There is no such support request.")
        }
        return .json(SupportJSON.thread(request, try store.messages(requestID: request.id), staff: true)).private()
    }

    static func answer(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let body = try SupportRoutes.message(context)
        let id = context.parameter("id")
        let outcome = try AddSupportMessage(
            connection: context.services.database,
            supportAddress: context.services.configuration.mail.leadsTo.address,
            publicURL: context.services.configuration.publicURL, logger: context.logger
        ).run(
            requestID: id, companyID: nil, author: caller.principal.userID.rawValue, fromStaff: true, body: body,
            audit: audit(caller, context, "support.answer", id, via: "api"))
        return try SupportRoutes.answer(outcome, context, status: .created, staff: true)
    }

    static func close(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let id = context.parameter("id")
        let outcome = try CloseSupportRequest(connection: context.services.database).run(
            requestID: id, companyID: nil, audit: audit(caller, context, "support.close", id, via: "api"))
        return try SupportRoutes.answer(outcome, context, status: .ok, staff: true)
    }

    /// The audit entry of a staff action on request `id`.
    static func audit(
        _ caller: Caller, _ context: RequestContext, _ action: String, _ id: String, via: String
    ) -> AuditEntry {
        AuditEntry(
            by: caller.principal, action: .admin(action), target: id, ip: context.clientAddress,
            details: ["request_id": context.request.requestID, "via": via])
    }
}
