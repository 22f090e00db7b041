import Domain
import Pages
import Storage
import Web

/// The portal's security page (`/de/konto/sicherheit`, `/en/account/security`): change the password and the
/// e-mail address with the same use case as the API (``ChangeCredentials``); and the page the e-mail-change link
/// opens (`/de/email-aendern`, `/en/change-email`, `?token=`), which posts the token with the site forms' guard.
enum SecurityPortalRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            table.add(.get, Page.security.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                return try PortalRoutes.render(.security, context, language, caller) { _ in }
            }
            table.add(.post, Page.security.path(in: language), access: .signedInPage) { context in
                try submit(context, language)
            }
            table.add(.get, Page.confirmEmail.path(in: language)) { context in
                let token = String((context.request.query("token") ?? "").prefix(200))
                return PortalAuthRoutes.form(
                    .confirmEmail, context, language, state: FormState(values: ["token": token]))
            }
            table.add(.post, Page.confirmEmail.path(in: language)) { context in try confirm(context, language) }
        }
    }

    static func submit(_ context: RequestContext, _ language: Language) throws -> Response {
        let caller = try PortalSession.poster(context, language)
        let values = SiteForms.dictionary(try SiteForms.decode(context))
        let useCase = SelfServiceRoutes.useCase(context)
        let which = values["form"] == "email" ? "email" : "password"
        var state = FormState(values: ["form": which])
        func page(_ status: HTTPStatus) throws -> Response {
            try PortalRoutes.render(.security, context, language, caller, status: status, form: state) { _ in }
        }
        if which == "password" {
            let current = values["current_password"] ?? ""
            let new = values["new_password"] ?? ""
            if current.isEmpty { state.errors["current_password"] = "error_required" }
            if new.isEmpty { state.errors["new_password"] = "error_required" }
            guard state.isValid else { return try page(.unprocessableContent) }
            switch try useCase.changePassword(
                caller, current: current, new: new, language: language, ip: context.clientAddress)
            {
            case .changed:
                state.values["done"] = "password"
                return try page(.ok)
            case .wrongPassword:
                state.errors["current_password"] = "error_password_wrong"
                return try page(.unprocessableContent)
            case .weakPassword(let rejection):
                state.errors["new_password"] = rejection.messageKey
                return try page(.unprocessableContent)
            case .throttled(let seconds):
                state.formError = "error_throttled"
                var response = try page(.tooManyRequests)
                response.headers.replaceOrAdd(name: "Retry-After", value: String(seconds))
                return response
            }
        }
        let newEmail = (values["new_email"] ?? "").trimmedWhitespace
        let password = values["password"] ?? ""
        state.values["new_email"] = newEmail
        if newEmail.isEmpty { state.errors["new_email"] = "error_required" }
        if password.isEmpty { state.errors["password"] = "error_required" }
        guard state.isValid else { return try page(.unprocessableContent) }
        switch try useCase.requestEmailChange(
            caller, password: password, newEmail: newEmail, language: language, ip: context.clientAddress)
        {
        case .mailed:
            state = FormState(values: ["form": "email", "done": "email"])
            return try page(.ok)
        case .wrongPassword:
            state.errors["password"] = "error_password_wrong"
            return try page(.unprocessableContent)
        case .invalidAddress:
            state.errors["new_email"] = "error_email"
            return try page(.unprocessableContent)
        case .unchanged:
            state.errors["new_email"] = "error_email_unchanged"
            return try page(.unprocessableContent)
        case .taken:
            state.errors["new_email"] = "error_email_taken"
            return try page(.conflict)
        case .throttled(let seconds):
            state.formError = "error_throttled"
            var response = try page(.tooManyRequests)
            response.headers.replaceOrAdd(name: "Retry-After", value: String(seconds))
            return response
        }
    }

    static func confirm(_ context: RequestContext, _ language: Language) throws -> Response {
        let form = try SiteForms.decode(context)
        let values = SiteForms.dictionary(form)
        let token = String((values["token"] ?? "").prefix(200))
        var state = FormState(values: ["token": token])
        guard FormGuard.accepts(context, form: form) else {
            state.formError = "error_csrf"
            return PortalAuthRoutes.form(.confirmEmail, context, language, state: state, status: .forbidden)
        }
        switch try SelfServiceRoutes.useCase(context).confirmEmailChange(
            token: token, language: language, ip: context.clientAddress)
        {
        case .changed?:
            state.values["done"] = "1"
            return PortalAuthRoutes.form(.confirmEmail, context, language, state: state)
        case .taken?:
            state.formError = "error_email_taken"
            return PortalAuthRoutes.form(.confirmEmail, context, language, state: state, status: .conflict)
        case .stale?, nil:
            state.formError = "error_token_invalid"
            return PortalAuthRoutes.form(.confirmEmail, context, language, state: state, status: .unprocessableContent)
        }
    }
}
