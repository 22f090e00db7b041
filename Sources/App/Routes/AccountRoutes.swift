import Domain
import Foundation
import Storage
import Web

/// The caller's own account: `GET /api/v1/me` and personal API tokens.
enum AccountRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/me",
            RouteDocumentation(
                "The caller: user, company, role and credit balance.", tag: "account", access: .authenticated,
                responses: [(200, "The caller"), (401, "Not signed in")],
                response: .object([
                    "user": .object(["id": .uuid, "email": .string]), "company": AccountJSON.companySchema.orNull,
                    "role": .oneOf(["client", "finance", "admin"]), "auth": .oneOf(["session", "token"]),
                    "credits": .integer,
                ])), me)
        table.add(
            .get, "/api/v1/auth/tokens",
            RouteDocumentation(
                "The caller's API tokens (never the secret).", tag: "auth", access: .session,
                responses: [(200, "Tokens"), (401, "Not signed in")],
                response: .object(["tokens": .array(AccountJSON.tokenSchema)])), listTokens)
        table.add(
            .post, "/api/v1/auth/tokens",
            RouteDocumentation(
                "Create a named personal API token; the token is shown once.", tag: "auth", access: .session,
                requestBody: "application/json",
                responses: [(201, "Created"), (401, "Not signed in"), (403, "CSRF token missing"), (422, "Bad name")],
                request: .object(["name": .text(100)]), response: AccountJSON.issuedTokenSchema),
            createToken)
        table.add(
            .delete, "/api/v1/auth/tokens/{id}",
            RouteDocumentation(
                "Revoke one of the caller's API tokens.", tag: "auth", access: .authenticated,
                responses: [(204, "Revoked"), (401, "Not signed in"), (404, "No such token")],
                path: ["id": .string(minimumLength: 1, maximumLength: 200)]), revokeToken)
    }

    static func me(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let company = try context.services.accounts.accounts.company(of: caller.principal)
        let balance = try CreditLedger(connection: context.services.database).balance(
            companyID: caller.principal.companyID.rawValue)
        var response = Response.json([
            "user": ["id": .string(caller.principal.userID.rawValue), "email": .string(caller.principal.email.value)],
            "company": company.map(AccountJSON.company) ?? .null,
            "role": .string(caller.principal.role.rawValue),
            "auth": .string(caller.usesSession ? "session" : "token"),
            "credits": JSON(balance),
        ])
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }

    static func listTokens(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let tokens = try context.services.accounts.tokens.list(for: caller.principal)
        var response = Response.json(["tokens": .array(tokens.map(AccountJSON.token))])
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }

    static func createToken(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        guard caller.usesSession else {
            throw Problem.forbidden(detail: "API tokens are created from a signed-in session, not with a token.")
        }
        var fields = JSONFields(try context.jsonObject())
        let name = fields.string("name", maximumLength: 100)
        try fields.check()
        switch try context.services.accounts.tokens.create(
            name: name, for: caller.principal, ip: context.clientAddress, now: Date())
        {
        case .invalidName:
            throw Problem.unprocessable(
                detail: "The name must be 1 to 100 characters.",
                errors: [Web.FieldError(field: "name", detail: "must be 1 to 100 characters", code: "invalid")])
        case .created(let issued):
            guard case .object(var body) = AccountJSON.token(issued.summary) else { throw Problem.internal() }
            body["token"] = .string(issued.token)
            var response = Response.json(.object(body), status: .created)
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
            return response
        }
    }

    static func revokeToken(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let revoked = try context.services.accounts.tokens.revoke(
            id: context.parameter("id"), by: caller.principal, ip: context.clientAddress, now: Date())
        guard revoked else { throw Problem.notFound(detail: "There is no such token.") }
        return Response(status: .noContent)
    }
}
