import Domain
import Foundation
import Storage
import Web

/// The caller's own credentials (`/api/v1/me/password`, `/api/v1/me/email`, DESIGN §14): changing the password
/// (the current one required, other sessions ended, a notice mailed) and the e-mail address (confirmed through a
/// link mailed to the new address; the old address is told once it changed). Session only: an API token cannot
/// change its user's credentials.
enum SelfServiceRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .post, "/api/v1/me/password",
            RouteDocumentation(
                "Change the password {current_password, new_password}: every other session of the user ends and a "
                    + "notice is mailed.", tag: "account", access: .session, requestBody: "application/json",
                responses: [
                    (204, "Changed"), (400, "Malformed body"), (401, "Not signed in"), (403, "CSRF token missing"),
                    (422, "Wrong current password or a weak new one; nothing changed"),
                    (429, "Too many wrong passwords"),
                ],
                request: .object([
                    "current_password": .text(1024, minimumLength: 0), "new_password": .text(1024, minimumLength: 0),
                ])), changePassword)
        table.add(
            .post, "/api/v1/me/email",
            RouteDocumentation(
                "Change the e-mail address {password, new_email}: a confirmation link (24 h, single use) is mailed "
                    + "to the new address; the address changes when it is opened.", tag: "account", access: .session,
                requestBody: "application/json",
                responses: [
                    (202, "The confirmation link is on its way"), (400, "Malformed body"), (401, "Not signed in"),
                    (403, "CSRF token missing"), (409, "The address belongs to another account"),
                    (422, "Wrong password, invalid or unchanged address; nothing changed"),
                    (429, "Too many wrong passwords"),
                ],
                request: .object(["password": .text(1024, minimumLength: 0), "new_email": .text(254)]),
                response: .object(["detail": .string])), requestEmailChange)
        table.add(
            .post, "/api/v1/me/email/confirm",
            RouteDocumentation(
                "Confirm a new e-mail address {token} with the token from the mail sent to it; the old address is "
                    + "told.", tag: "account", requestBody: "application/json",
                responses: [
                    (204, "The address is changed"), (400, "Malformed body"),
                    (409, "The address was taken meanwhile"), (422, "Unknown, used or expired token"),
                ], request: .object(["token": .text(200)])), confirmEmailChange)
    }

    static func useCase(_ context: RequestContext) -> ChangeCredentials {
        ChangeCredentials(
            authenticator: context.services.accounts.authenticator, database: context.services.database,
            publicURL: context.services.configuration.publicURL)
    }

    static func changePassword(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        var fields = JSONFields(try context.jsonObject())
        let current = fields.string("current_password", maximumLength: 1024, allowEmpty: true)
        let new = fields.string("new_password", maximumLength: 1024, allowEmpty: true)
        try fields.check()
        switch try useCase(context).changePassword(
            caller, current: current, new: new, language: AccountMailRoutes.language(context),
            ip: context.clientAddress)
        {
        case .changed: return AccountMailRoutes.noContent()
        case .wrongPassword: throw wrongPassword("current_password")
        case .weakPassword(let rejection):
            throw RegistrationErrors([Domain.FieldError(field: "new_password", problem: .weakPassword(rejection))])
        case .throttled(let seconds): throw throttled(seconds)
        }
    }

    static func requestEmailChange(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        var fields = JSONFields(try context.jsonObject())
        let password = fields.string("password", maximumLength: 1024, allowEmpty: true)
        let newEmail = fields.string("new_email", maximumLength: 254)
        try fields.check()
        switch try useCase(context).requestEmailChange(
            caller, password: password, newEmail: newEmail, language: AccountMailRoutes.language(context),
            ip: context.clientAddress)
        {
        case .mailed:
            var response = Response.json(
                ["detail": "A confirmation link is on its way to the new address."], status: .accepted)
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
            return response
        case .wrongPassword: throw wrongPassword("password")
        case .throttled(let seconds): throw throttled(seconds)
        case .invalidAddress:
            throw Problem.unprocessable(
                detail: "Some fields are missing or invalid.",
                errors: [
                    Web.FieldError(field: "new_email", detail: "is not a valid e-mail address", code: "invalid_email")
                ])
        case .unchanged:
            throw Problem.unprocessable(
                detail: "This is already your address.",
                errors: [Web.FieldError(field: "new_email", detail: "is the current address", code: "unchanged")])
        case .taken: throw taken()
        }
    }

    static func confirmEmailChange(_ context: RequestContext) throws -> Response {
        var fields = JSONFields(try context.jsonObject())
        let token = fields.string("token", maximumLength: 200)
        try fields.check()
        switch try useCase(context).confirmEmailChange(
            token: token, language: AccountMailRoutes.language(context), ip: context.clientAddress)
        {
        case .changed?: return AccountMailRoutes.noContent()
        case .taken?: throw taken()
        case .stale?, nil: throw AccountMailRoutes.invalidToken()
        }
    }

    static func wrongPassword(_ field: String) -> Problem {
        Problem.unprocessable(
            detail: "The password is wrong; nothing was changed.",
            errors: [Web.FieldError(field: field, detail: "is wrong", code: "wrong_password")])
    }

    static func throttled(_ seconds: Int) -> Problem {
        var problem = Problem.tooManyRequests(retryAfter: seconds)
        problem.detail = "Too many wrong passwords. Try again in \(seconds) seconds."
        return problem
    }

    static func taken() -> Problem {
        Problem(
            status: .conflict, detail: "This e-mail address belongs to another account.",
            errors: [Web.FieldError(field: "new_email", detail: "is already registered", code: "email_taken")])
    }
}
