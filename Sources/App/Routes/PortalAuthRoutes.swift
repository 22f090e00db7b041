import Domain
import Foundation
import Pages
import Storage
import Web

/// The portal's sign-in, registration and sign-out pages (forms that work without JavaScript).
enum PortalAuthRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            table.add(.get, Page.login.path(in: language)) { context in
                if try context.caller()?.usesSession == true {
                    return PageResponse.seeOther(Page.account.path(in: language))
                }
                // The page that sent the visitor here, carried through the form (only a local path is kept).
                var state = FormState()
                if let next = context.request.query("next"),
                    ConsentForm.returnPath(next, language: language) == next
                {
                    state.values["next"] = next
                }
                return form(.login, context, language, state: state)
            }
            table.add(.post, Page.login.path(in: language)) { context in try login(context, language) }
            table.add(.get, Page.register.path(in: language)) { context in
                if try context.caller()?.usesSession == true {
                    return PageResponse.seeOther(Page.account.path(in: language))
                }
                // A referral link (`?ref=CODE`) prefills the code; the visitor sees it and may change it.
                var state = FormState()
                if let code = context.request.query("ref").flatMap(ReferralCode.init) {
                    state.values["referral_code"] = code.value
                }
                return form(.register, context, language, state: state)
            }
            table.add(.post, Page.register.path(in: language)) { context in try registerAccount(context, language) }
            table.add(.post, "/\(language.rawValue)/logout", access: .signedInPage) { context in
                let caller = try PortalSession.poster(context, language)
                if let token = caller.sessionToken {
                    try context.services.accounts.authenticator.logout(
                        token: token, ip: context.clientAddress, now: Date())
                }
                var response = PageResponse.seeOther(Page.home.path(in: language))
                response.headers.add(name: "Set-Cookie", value: SessionCookie(maxAge: 0).clearingHeaderValue)
                return response
            }
        }
    }

    static func form(
        _ page: Page, _ context: RequestContext, _ language: Language, state: FormState?, status: HTTPStatus = .ok
    )
        -> Response
    {
        let token = FormGuard.pendingToken(for: context)
        var response = PageResponse.render(
            page, language, context, PageContext(csrfToken: token.token, form: state), status: status)
        FormGuard.finish(&response, token: token)
        return response
    }

    static func login(_ context: RequestContext, _ language: Language) throws -> Response {
        let form = try SiteForms.decode(context)
        guard FormGuard.accepts(context, form: form) else {
            return Self.form(.login, context, language, state: FormState(formError: "error_csrf"), status: .forbidden)
        }
        let values = SiteForms.dictionary(form)
        var state = PortalForms.validateLogin(values)
        if let next = values["next"], ConsentForm.returnPath(next, language: language) == next {
            state.values["next"] = next
        }
        guard state.isValid else {
            return Self.form(.login, context, language, state: state, status: .unprocessableContent)
        }
        let outcome = try context.services.accounts.authenticator.login(
            email: values["email"] ?? "", password: values["password"] ?? "", ip: context.clientAddress,
            userAgent: context.request.header("user-agent"),
            replacing: context.request.cookie(RequestContext.sessionCookieName), now: Date())
        switch outcome {
        case .failed:
            state.formError = "error_login_failed"
            return Self.form(.login, context, language, state: state, status: .unauthorized)
        case .throttled(let seconds):
            state.formError = "error_throttled"
            var response = Self.form(.login, context, language, state: state, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: "Retry-After", value: String(seconds))
            return response
        case .succeeded(let session, _):
            var response = PageResponse.seeOther(
                PortalSession.next(context.request.query("next") ?? values["next"], language))
            response.headers.add(name: "Set-Cookie", value: session.setCookieHeader)
            return response
        }
    }

    static func registerAccount(_ context: RequestContext, _ language: Language) throws -> Response {
        let form = try SiteForms.decode(context)
        guard FormGuard.accepts(context, form: form) else {
            return Self.form(
                .register, context, language, state: FormState(formError: "error_csrf"), status: .forbidden)
        }
        let values = SiteForms.dictionary(form)
        var state = PortalForms.validateRegister(values)
        guard state.isValid else {
            return Self.form(.register, context, language, state: state, status: .unprocessableContent)
        }
        let vatId = (values["vat_id"] ?? "").trimmedWhitespace
        switch Registration.validate(
            email: values["email"] ?? "", password: values["password"] ?? "", companyName: values["company_name"] ?? "",
            country: values["country"] ?? "", vatId: vatId.isEmpty ? nil : vatId,
            billingAddress: PortalForms.billingAddress(values))
        {
        case .failure(let errors):
            for error in errors.fields {
                let field =
                    error.field.hasPrefix("billing_address.")
                    ? String(error.field.dropFirst("billing_address.".count)) : error.field
                state.errors[field] = PortalSession.errorKey(error.problem)
            }
            return Self.form(.register, context, language, state: state, status: .unprocessableContent)
        case .success(let registration):
            let referralText = (values["referral_code"] ?? "").trimmedWhitespace
            let referralCode = ReferralCode(referralText)
            let publicURL = context.services.configuration.publicURL
            let outcome = try context.services.accounts.accounts.register(
                registration, ip: context.clientAddress, referralCode: referralCode
            ) {
                transaction, account in
                try AccountMails.enqueueVerification(
                    userID: account.user.id, email: account.user.email.value, company: account.company.name,
                    language: language, publicURL: publicURL, on: transaction)
            }
            switch outcome {
            case .emailTaken:
                // Answered like a fresh registration (no account enumeration): the owner is mailed instead.
                try AccountMails.enqueueAccountExists(
                    email: registration.email.value, language: language, publicURL: publicURL,
                    on: context.services.database)
                var response = PageResponse.seeOther(Page.account.path(in: language))
                response.headers.add(
                    name: "Set-Cookie", value: context.services.accounts.sessions.decoy(now: Date()).setCookieHeader)
                return response
            case .registered(let account):
                let session = try context.services.accounts.sessions.create(
                    userID: account.user.id, companyID: account.company.id, ip: context.clientAddress,
                    userAgent: context.request.header("user-agent"), now: Date())
                // A code that did not count is said on the account page, never a failed registration.
                let ignored =
                    try !referralText.isEmpty
                    && !ReferralStore(connection: context.services.database).isAttributed(
                        referredCompanyID: account.company.id.rawValue)
                var response = PageResponse.seeOther(
                    Page.account.path(in: language) + (ignored ? "?referral=ignored" : ""))
                response.headers.add(name: "Set-Cookie", value: session.setCookieHeader)
                return response
            }
        }
    }
}
