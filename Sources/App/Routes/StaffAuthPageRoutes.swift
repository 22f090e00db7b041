import Domain
import Foundation
import Pages
import Storage
import Web

/// The back office's way in (issue 13): `/admin/` → the language's dashboard, staff sign-in with e-mail and
/// password, then the second factor — TOTP enrolment with the QR code rendered here, its confirmation with the
/// first code (recovery codes shown once), or a code / recovery code for a new session — and sign-out.
enum StaffAuthPageRoutes {
    static func register(in table: inout RouteTable) {
        for path in ["/admin", "/admin/"] {
            table.add(.get, path, access: .anyone) { _ in PageResponse.seeOther(StaffPage.root(.de)) }
        }
        for language in Language.allCases {
            table.add(.get, StaffPage.signIn.path(in: language), access: .anyone) { context in
                if let caller = try context.caller(), caller.usesSession, caller.principal.role.isStaff {
                    return PageResponse.seeOther(
                        caller.principal.secondFactor
                            ? StaffSession.next(context.request.query("next"), language)
                            : StaffPage.secondFactor.path(in: language))
                }
                return signInForm(context, language, values: [:], next: context.request.query("next") ?? "")
            }
            table.add(.post, StaffPage.signIn.path(in: language), access: .anyone) { context in
                try signIn(context, language)
            }
            table.add(.post, StaffPage.root(language) + "sign-out", access: .staffPage) { context in
                let caller = try context.requireCaller(.ownCompany)
                if let token = caller.sessionToken {
                    try context.services.accounts.authenticator.logout(
                        token: token, ip: context.clientAddress, now: Date())
                }
                var response = PageResponse.seeOther(StaffPage.signIn.path(in: language))
                response.headers.add(name: "Set-Cookie", value: SessionCookie(maxAge: 0).clearingHeaderValue)
                return response
            }
            table.add(.get, StaffPage.secondFactor.path(in: language), access: .staffPage) { context in
                try secondFactorPage(context, language)
            }
            table.add(.post, StaffPage.secondFactor.path(in: language), access: .staffPage) { context in
                try secondFactorPost(context, language)
            }
        }
    }

    // MARK: Sign-in

    static func signInForm(
        _ context: RequestContext, _ language: Language, values: TemplateObject, next: String,
        status: HTTPStatus = .ok
    ) -> Response {
        let token = FormGuard.pendingToken(for: context)
        var page = values
        page["action"] = .text(StaffPage.signIn.path(in: language))
        page["csrf_token"] = .text(token.token)
        // Only a target inside the back office is carried on.
        page["next"] = StaffSession.next(next, language) == next ? .text(next) : nil
        var response: Response
        do {
            response = try StaffSession.render(.signIn, context, language, nil, page, status: status)
        } catch {
            response = ErrorResponses.render(.internal(), request: context.request, site: nil)
        }
        FormGuard.finish(&response, token: token)
        return response
    }

    static func signIn(_ context: RequestContext, _ language: Language) throws -> Response {
        let form = try SiteForms.decode(context)
        let values = SiteForms.dictionary(form)
        let email = (values["email"] ?? "").trimmedWhitespace
        let next = values["next"] ?? ""
        var page: TemplateObject = ["email": .text(email)]
        let fail = { (key: String, status: HTTPStatus) -> Response in
            for (name, value) in StaffSession.errors(["form": key], language) { page[name] = value }
            return signInForm(context, language, values: page, next: next, status: status)
        }
        guard FormGuard.accepts(context, form: form) else { return fail("error_csrf", .forbidden) }
        var missing: [String: String] = [:]
        if email.isEmpty || email.count > 254 { missing["email"] = "error_required" }
        if (values["password"] ?? "").isEmpty || (values["password"] ?? "").count > 1024 {
            missing["password"] = "error_required"
        }
        guard missing.isEmpty else {
            for (name, value) in StaffSession.errors(
                missing, language, labels: ["email": "field_email", "password": "field_password"])
            {
                page[name] = value
            }
            return signInForm(context, language, values: page, next: next, status: .unprocessableContent)
        }
        let accounts = context.services.accounts
        let outcome = try accounts.authenticator.login(
            email: email, password: values["password"] ?? "", ip: context.clientAddress,
            userAgent: context.request.header("user-agent"),
            replacing: context.request.cookie(RequestContext.sessionCookieName), now: Date())
        switch outcome {
        case .failed:
            return fail("error_login_failed", .unauthorized)
        case .throttled(let seconds):
            var response = fail("error_throttled", .tooManyRequests)
            response.headers.replaceOrAdd(name: "Retry-After", value: String(seconds))
            return response
        case .succeeded(let session, let principal):
            guard principal.role.isStaff else {
                // A client's password is right, but this is no way into the portal: the session ends at once.
                try accounts.authenticator.logout(token: session.token, ip: context.clientAddress, now: Date())
                return fail("error_not_staff", .forbidden)
            }
            let next = StaffSession.next(next, language)
            var response = PageResponse.seeOther(
                StaffPage.secondFactor.path(in: language) + "?next=" + PercentEncoding.encodeFormComponent(next))
            response.headers.add(name: "Set-Cookie", value: session.setCookieHeader)
            return response
        }
    }

    // MARK: Second factor

    static func secondFactorPage(
        _ context: RequestContext, _ language: Language, next given: String? = nil,
        extra: TemplateObject = [:], status: HTTPStatus = .ok
    ) throws -> Response {
        let caller = try context.requireCaller(.ownCompany)
        let next = StaffSession.next(given ?? context.request.query("next"), language)
        if caller.principal.secondFactor {
            return PageResponse.seeOther(next)
        }
        let enrolment = try SecondFactorStore(connection: context.services.database).enrolment(
            of: caller.principal.userID)
        var values: TemplateObject = [
            "action": .text(StaffPage.secondFactor.path(in: language)), "next": .text(next),
        ]
        if enrolment?.confirmed == true {
            values["verify"] = true
        } else if extra["qr_svg"] != nil || extra["confirm"] != nil {
            values["confirm"] = true
        } else {
            values["enrol"] = true
        }
        for (key, value) in extra { values[key] = value }
        return try StaffSession.render(.secondFactor, context, language, caller, values, status: status)
    }

    static func secondFactorPost(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try context.requireCaller(.ownCompany)
        guard let token = caller.sessionToken else { throw Problem.forbidden() }
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        let next = StaffSession.next(values["next"], language)
        let principal = caller.principal
        let database = context.services.database
        switch values["action"] {
        case "enrol":
            let enrolment: EnrolSecondFactor.Enrolment
            do {
                enrolment = try EnrolSecondFactor(connection: database, logger: context.logger).run(
                    principal: principal, ip: context.clientAddress, requestID: context.request.requestID)
            } catch SecondFactorRefusal.alreadyEnrolled {
                return try secondFactorPage(
                    context, language, next: next, extra: formError("error_already_enrolled", language),
                    status: .conflict)
            }
            return try secondFactorPage(
                context, language,
                next: next,
                extra: [
                    "qr_svg": .text(QRCode(enrolment.uri)?.svg() ?? ""), "secret": .text(enrolment.secret),
                    "confirm": true,
                ],
                status: .created)
        case "confirm", "verify":
            let confirming = values["action"] == "confirm"
            let code = (values["code"] ?? "").trimmedWhitespace
            guard (1...64).contains(code.count) else {
                var extra = formError("error_code_format", language, field: true)
                if confirming { extra["confirm"] = true }
                return try secondFactorPage(context, language, next: next, extra: extra, status: .unprocessableContent)
            }
            let codes: [String]
            do {
                codes = try VerifySecondFactor(connection: database, logger: context.logger).run(
                    principal: principal, code: code, sessionToken: token, confirming: confirming, now: Date(),
                    ip: context.clientAddress, requestID: context.request.requestID)
            } catch let refusal as SecondFactorRefusal {
                return try refusedPage(refusal, context, language, next: next, confirming: confirming)
            }
            if confirming {
                let verified = try context.services.accounts.sessions.resolve(token: token, now: Date())
                let refreshed = verified.map { Caller(principal: $0.principal, session: $0, sessionToken: token) }
                context.resolvedCaller = refreshed ?? caller
                return try StaffSession.render(
                    .secondFactor, context, language, refreshed ?? caller,
                    ["recovery_codes": .texts(codes), "has_recovery_codes": true, "continue_href": .text(next)])
            }
            return PageResponse.seeOther(next)
        default:
            return try secondFactorPage(
                context, language, next: next, extra: formError("error_form", language),
                status: .unprocessableContent)
        }
    }

    /// The second-factor page again with the refusal's message (and status).
    static func refusedPage(
        _ refusal: SecondFactorRefusal, _ context: RequestContext, _ language: Language, next: String,
        confirming: Bool
    ) throws -> Response {
        var extra: TemplateObject
        let status: HTTPStatus
        switch refusal {
        case .wrongCode:
            extra = formError("error_wrong_code", language, field: true)
            status = .unprocessableContent
        case .throttled:
            extra = formError("error_throttled", language)
            status = .tooManyRequests
        case .notEnrolled, .required:
            return try secondFactorPage(
                context, language, next: next, extra: formError("error_not_enrolled", language), status: .conflict)
        case .alreadyEnrolled:
            return try secondFactorPage(
                context, language, next: next, extra: formError("error_already_enrolled", language),
                status: .conflict)
        }
        if confirming { extra["confirm"] = true }
        return try secondFactorPage(context, language, next: next, extra: extra, status: status)
    }

    static func formError(_ key: String, _ language: Language, field: Bool = false) -> TemplateObject {
        var values = StaffSession.errors(["form": key], language)
        if field { values["code_error"] = .text(StaffStrings.text(key, language)) }
        return values
    }
}
