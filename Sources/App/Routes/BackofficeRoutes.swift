import Domain
import Foundation
import Storage
import Web

/// Staff tools over the API: credit adjustments (finance), disabling users and changing roles (admin). Each is
/// audited with actor and request id; bad input is a 4xx naming the field and writes nothing.
enum BackofficeRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .post, "/api/v1/finance/companies/{id}/credits",
            RouteDocumentation(
                "Adjusts a company's credits: `{credits: non-zero integer, reason: text}`; never below zero.",
                tag: "finance", access: .finance, requestBody: "application/json",
                responses: [
                    (201, "Booked, with the new balance"), (400, "Bad body"), (401, "Not signed in"),
                    (403, "Not finance, no second factor or no CSRF token"), (404, "No such company"),
                    (409, "The balance would fall below zero"),
                ],
                request: .object([
                    "credits": .anyOf([
                        .integer(minimum: -1_000_000, maximum: -1), .integer(minimum: 1, maximum: 1_000_000),
                    ]),
                    "reason": .text(500, multiline: true),
                ]), response: .object(["credits": .integer]), path: ["id": .uuid]), adjustCredits)
        table.add(
            .post, "/api/v1/admin/users/{id}/disable",
            RouteDocumentation(
                "Disables a user: every session and token ends at once.", tag: "admin", access: .admin,
                responses: [
                    (204, "Disabled"), (401, "Not signed in"), (403, "Not an admin"), (404, "No such active user"),
                    (409, "Staff cannot disable themselves"),
                ], path: ["id": .uuid]), disableUser)
        table.add(
            .post, "/api/v1/admin/users/{id}/role",
            RouteDocumentation(
                "Changes a user's role in a company: `{company_id, role: client|finance|admin}` (staff roles only in"
                    + " the operator company).", tag: "admin", access: .admin, requestBody: "application/json",
                responses: [
                    (204, "Changed"), (400, "Bad body"), (401, "Not signed in"), (403, "Not an admin"),
                    (404, "No such membership, or the role does not fit the company"),
                ], request: .object(["company_id": .uuid, "role": .oneOf(["client", "finance", "admin"])]),
                path: ["id": .uuid]), changeRole)
    }

    static func adjustCredits(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.finance)
        let body = try context.jsonObject()
        var errors: [Web.FieldError] = []
        let credits = body["credits"]?.intValue
        if credits == nil || credits == 0 || abs(credits ?? 0) > 1_000_000 {
            errors.append(Web.FieldError(field: "credits", detail: "a non-zero integer up to 1000000", code: "invalid"))
        }
        let given = body["reason"]?.stringValue ?? ""
        let reason = given.trimmedWhitespace
        if reason.isEmpty || TextRule.multiline(maximumCharacters: 500).violation(in: given) != nil {
            errors.append(Web.FieldError(field: "reason", detail: "required, at most 500 characters", code: "required"))
        }
        guard errors.isEmpty, let credits else {
            throw Problem.badRequest(detail: "The adjustment needs credits and a reason.", errors: errors)
        }
        let outcome = try AdjustCredits(connection: context.services.database, logger: context.logger).run(
            companyID: CompanyID(context.parameter("id")), delta: credits, reason: reason, actor: caller.principal,
            requestID: context.request.requestID, ip: context.clientAddress)
        switch outcome {
        case .adjusted(let balance): return .json(["credits": JSON(balance)], status: .created).private()
        case .unknownCompany: throw Problem.notFound(detail: "There is no such company.")
        case .insufficientBalance: throw Problem.conflict(detail: "The balance would fall below zero.")
        }
    }

    static func disableUser(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let user = UserID(context.parameter("id"))
        guard user != caller.principal.userID else {
            throw Problem.conflict(detail: "You cannot disable your own account.")
        }
        guard
            try context.services.accounts.accounts.disable(
                user, by: caller.principal, ip: context.clientAddress, now: Date(),
                requestID: context.request.requestID)
        else { throw Problem.notFound(detail: "There is no such active user.") }
        return Response(status: .noContent)
    }

    static func changeRole(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller(.admin)
        let body = try context.jsonObject()
        var errors: [Web.FieldError] = []
        let role = body["role"]?.stringValue.flatMap(Role.init(name:))
        if role == nil {
            errors.append(Web.FieldError(field: "role", detail: "client, finance or admin", code: "invalid"))
        }
        let company = body["company_id"]?.stringValue
        if company.flatMap(UUID.init(uuidString:)) == nil {
            errors.append(Web.FieldError(field: "company_id", detail: "a company id (uuid)", code: "invalid"))
        }
        guard errors.isEmpty, let role, let company else {
            throw Problem.badRequest(detail: "The role change needs company_id and role.", errors: errors)
        }
        guard
            try context.services.accounts.accounts.changeRole(
                of: UserID(context.parameter("id")), in: CompanyID(company), to: role, by: caller.principal,
                ip: context.clientAddress, requestID: context.request.requestID)
        else { throw Problem.notFound(detail: "There is no such membership, or the role does not fit the company.") }
        return Response(status: .noContent)
    }
}
