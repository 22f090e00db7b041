import Domain
import Foundation
import Postgres
import Storage
import Web

/// The mailed-link flows (`/api/v1/auth/verify-email`, `/api/v1/auth/password-reset[/confirm]`): tokens
/// are single-use, stored hashed, and the answers never tell whether an address has an account.
enum AccountMailRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .post, "/api/v1/auth/verify-email",
            RouteDocumentation(
                "Confirm an e-mail address with the token from the verification mail.", tag: "auth",
                requestBody: "application/json",
                responses: [(204, "Verified"), (400, "Malformed body"), (422, "Unknown, used or expired token")],
                request: .object(["token": .text(200)])),
            verifyEmail)
        table.add(
            .post, "/api/v1/auth/verify-email/resend",
            RouteDocumentation(
                "Mail a new verification link to the signed-in user (at most 3 an hour).", tag: "auth",
                access: .authenticated,
                responses: [(202, "A mail is on its way"), (204, "Already verified"), (401, "Not signed in")],
                response: .object(["detail": .string])),
            resendVerification)
        table.add(
            .post, "/api/v1/auth/password-reset",
            RouteDocumentation(
                "Mail a password-reset link (60 minutes, single use); the same answer for every address.",
                tag: "auth", requestBody: "application/json",
                responses: [(202, "A mail is on its way if the address has an account"), (422, "Invalid fields")],
                request: .object(["email": .text(254)]), response: .object(["detail": .string])),
            requestReset)
        table.add(
            .post, "/api/v1/auth/password-reset/confirm",
            RouteDocumentation(
                "Set a new password with the token from the reset mail; signs out every session.", tag: "auth",
                requestBody: "application/json",
                responses: [
                    (204, "Password set, every session ended"), (400, "Malformed body"),
                    (422, "Unknown, used or expired token, or a weak password"),
                ], request: .object(["token": .text(200), "password": .text(1024, minimumLength: 0)])),
            confirmReset)
    }

    /// The mail language for an API request: `Accept-Language`, German by default.
    static func language(_ context: RequestContext) -> Language {
        Language(rawValue: context.request.preferredLanguage(among: ["de", "en"], default: "de")) ?? .de
    }

    static func invalidToken() -> Problem {
        Problem.unprocessable(
            detail: "This link is unknown, was used already or has expired; ask for a new one.",
            errors: [Web.FieldError(field: "token", detail: "is unknown, used or expired", code: "invalid_token")])
    }

    static func verifyEmail(_ context: RequestContext) throws -> Response {
        var fields = JSONFields(try context.jsonObject())
        let token = fields.string("token", maximumLength: 200)
        try fields.check()
        let verified = try performVerification(token: token, context: context)
        guard verified else { throw invalidToken() }
        return noContent()
    }

    static func resendVerification(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let company = try StartCheckout.buyingCompany(caller, context.checkout)
        let language = language(context)
        let publicURL = context.services.configuration.publicURL
        let userID = caller.principal.userID
        let sent = try context.services.database.transaction { transaction -> Bool in
            guard try !AccountStore(connection: transaction).isEmailVerified(userID) else { return false }
            guard
                try AccountTokenStore(connection: transaction).recentCount(.verifyEmail, userID: userID, seconds: 3600)
                    < 3
            else { return true }
            try AccountMails.enqueueVerification(
                userID: userID, email: caller.principal.email.value, company: company.name, language: language,
                publicURL: publicURL, on: transaction)
            return true
        }
        guard sent else { return noContent() }
        return Response.json(["detail": "A new confirmation link is on its way."], status: .accepted)
    }

    /// Redeems a verification token and confirms the address; false when the token is unusable.
    static func performVerification(token: String, context: RequestContext) throws -> Bool {
        try context.services.database.transaction { transaction -> Bool in
            guard let redemption = try AccountTokenStore(connection: transaction).redeem(token, purpose: .verifyEmail)
            else { return false }
            return try AccountStore(connection: transaction).markEmailVerified(
                redemption.userID, email: redemption.email)
        }
    }

    static func requestReset(_ context: RequestContext) throws -> Response {
        var fields = JSONFields(try context.jsonObject())
        let raw = fields.string("email", maximumLength: 254)
        try fields.check()
        guard let email = EmailAddress(raw) else {
            throw Problem.unprocessable(
                detail: "Some fields are missing or invalid.",
                errors: [Web.FieldError(field: "email", detail: "is not a valid e-mail address", code: "invalid_email")]
            )
        }
        let language = language(context)
        let publicURL = context.services.configuration.publicURL
        try context.services.database.transaction { transaction in
            let accounts = AccountStore(connection: transaction)
            guard let user = try accounts.user(email: email), user.disabledAt == nil else { return }
            try AccountMails.enqueueReset(
                userID: user.id, email: user.email.value, language: language, publicURL: publicURL, on: transaction)
        }
        var response = Response.json(
            ["detail": "If this address has an account, a link to set a new password is on its way."], status: .accepted
        )
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }

    static func confirmReset(_ context: RequestContext) throws -> Response {
        var fields = JSONFields(try context.jsonObject())
        let token = fields.string("token", maximumLength: 200)
        let password = fields.string("password", maximumLength: 1024, allowEmpty: true)
        try fields.check()
        if let rejection = PasswordPolicy.standard.check(password, email: nil) {
            throw RegistrationErrors([Domain.FieldError(field: "password", problem: .weakPassword(rejection))])
        }
        let reset: Bool
        do {
            reset = try performReset(token: token, password: password, context: context)
        } catch let rejected as RejectedPassword {
            throw RegistrationErrors([Domain.FieldError(field: "password", problem: .weakPassword(rejected.rejection))])
        }
        guard reset else { throw invalidToken() }
        var response = noContent()
        response.headers.add(name: "Set-Cookie", value: SessionCookie(maxAge: 0).clearingHeaderValue)
        return response
    }

    /// Redeems a reset token and sets `password` (ending every session); false when the token is unusable,
    /// throws ``RejectedPassword`` (nothing changed, the token still usable) for a weak password.
    static func performReset(token: String, password: String, context: RequestContext) throws -> Bool {
        let ip = context.clientAddress
        return try context.services.database.transaction { transaction -> Bool in
            guard
                let redemption = try AccountTokenStore(connection: transaction).redeem(token, purpose: .passwordReset)
            else { return false }
            let accounts = AccountStore(connection: transaction)
            guard let user = try accounts.user(id: redemption.userID), user.disabledAt == nil,
                user.email.value.lowercased() == redemption.email.lowercased()
            else { return false }
            if let rejection = try accounts.resetPassword(user.id, to: password, email: user.email, ip: ip) {
                throw RejectedPassword(rejection: rejection)
            }
            // Whoever can read the mail owns the address: the reset also verifies it.
            _ = try accounts.markEmailVerified(user.id, email: redemption.email)
            return true
        }
    }

    /// Rolls the reset back (the token stays usable) when the password matches the address.
    struct RejectedPassword: Error {
        let rejection: PasswordPolicy.Rejection
    }

    static func noContent() -> Response {
        var response = Response(status: .noContent)
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }
}
