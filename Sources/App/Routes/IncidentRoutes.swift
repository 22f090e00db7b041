import Domain
import Storage
import Web

/// `/api/v1/admin/incidents`: list, retry (re-enqueues the original job), resolve. Admin only; both actions are
/// audited with actor and request id.
enum IncidentRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/admin/incidents",
            RouteDocumentation(
                "Incidents newest first (filters: status open|retried|resolved, kind; paging: limit, before).",
                tag: "admin", access: .admin,
                responses: [(200, "Incidents"), (400, "Bad filter"), (401, "Not signed in"), (403, "Not an admin")],
                response: .object(["incidents": .array(IncidentJSON.schema), "next_before": APISchema.integer.orNull]),
                query: [
                    Paging.limitParameter, APIParameter("before", .integer(minimum: 1), "Incidents older than this id"),
                    APIParameter("status", .oneOf(["open", "retried", "resolved"]), "Only this status"),
                    APIParameter(
                        "kind", .string(minimumLength: 1, maximumLength: 16), "Only this kind (e.g. job.dead)"),
                ]),
            list)
        table.add(
            .post, "/api/v1/admin/incidents/{id}/retry",
            RouteDocumentation(
                "Retries an open incident: requeues its dead job or enqueues its job again; closes it as retried.",
                tag: "admin", access: .admin,
                responses: [
                    (200, "Retried"), (401, "Not signed in"), (403, "Not an admin or no CSRF token"),
                    (404, "No such incident"), (409, "Not open, or nothing to retry"),
                ], response: .object(["incident": IncidentJSON.schema]), path: ["id": .integer(minimum: 1)]), retry)
        table.add(
            .post, "/api/v1/admin/incidents/{id}/resolve",
            RouteDocumentation(
                "Resolves an open incident (optional JSON body `{note}`, at most 2000 characters).", tag: "admin",
                access: .admin, requestBody: "application/json",
                responses: [
                    (200, "Resolved"), (400, "Bad note"), (401, "Not signed in"),
                    (403, "Not an admin or no CSRF token"), (404, "No such incident"), (409, "Not open"),
                ], request: .object(["note?": APISchema.text(2000, minimumLength: 0, multiline: true).orNull]),
                response: .object(["incident": IncidentJSON.schema]), path: ["id": .integer(minimum: 1)]), resolve)
    }

    static func list(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let limit = try Paging.limit(context)
        let before = try context.request.query("before").map { _ in
            Int64(try Paging.integer(context, "before", default: 0, in: 1...Int.max))
        }
        var status: IncidentStatus?
        if let text = context.request.query("status") {
            guard let parsed = IncidentStatus(rawValue: text) else {
                throw Problem.badRequest(
                    detail: "status must be open, retried or resolved.",
                    errors: [FieldError(field: "status", detail: "unknown status", code: "invalid")])
            }
            status = parsed
        }
        let kind = context.request.query("kind")
        if let kind, kind.isEmpty || kind.utf8.count > 64 {
            throw Problem.badRequest(
                detail: "kind must be an incident kind such as job.dead.",
                errors: [FieldError(field: "kind", detail: "malformed kind", code: "invalid")])
        }
        let incidents = try IncidentStore(connection: context.services.database).list(
            status: status, kind: kind, before: before, limit: limit)
        try context.services.accounts.audit.append(
            AuditEntry(
                by: caller.principal, action: .admin("incidents.list"), ip: context.clientAddress,
                details: ["request_id": context.request.requestID]))
        return .json([
            "incidents": .array(incidents.map(IncidentJSON.incident)),
            "next_before": JSON(incidents.count == limit ? incidents.last.map { Int($0.id) } : nil),
        ]).private()
    }

    static func retry(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let id = try incidentID(context)
        let outcome = try RetryIncident(connection: context.services.database, logger: context.logger).run(
            id: id, actor: caller.principal, requestID: context.request.requestID, ip: context.clientAddress)
        return try respond(outcome)
    }

    static func resolve(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let id = try incidentID(context)
        var note: String?
        if !context.request.body.isEmpty {
            let body = try context.jsonObject()
            if let value = body["note"], value != .null {
                guard let text = value.stringValue,
                    TextRule.multiline(maximumCharacters: 2000).violation(in: text) == nil
                else {
                    throw Problem.badRequest(
                        detail: "note must be a text of at most 2000 characters.",
                        errors: [FieldError(field: "note", detail: "at most 2000 characters", code: "invalid")])
                }
                note = text.isEmpty ? nil : text
            }
        }
        let outcome = try ResolveIncident(connection: context.services.database, logger: context.logger).run(
            id: id, note: note, actor: caller.principal, requestID: context.request.requestID,
            ip: context.clientAddress)
        return try respond(outcome)
    }

    static func incidentID(_ context: RequestContext) throws -> Int64 {
        guard let id = Int64(context.parameter("id")), id > 0 else {
            throw Problem.notFound(detail: "There is no such incident.")
        }
        return id
    }

    static func respond(_ outcome: IncidentActionOutcome) throws -> Response {
        switch outcome {
        case .done(let incident): return .json(["incident": IncidentJSON.incident(incident)]).private()
        case .notFound: throw Problem.notFound(detail: "There is no such incident.")
        case .notOpen(let status): throw Problem.conflict(detail: "The incident is \(status.rawValue) already.")
        case .notRetryable(let reason): throw Problem.conflict(detail: reason)
        }
    }
}
