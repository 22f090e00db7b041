import Domain
import Pages
import Web

/// The pages the account mails link to (`{CODEZERO_PUBLIC_URL}/{lang}/…?token=…`): a form that posts the token
/// (and, for the reset, the new password) with the same guard as the other site forms. Never cached.
enum AccountMailPageRoutes {
    static func register(in table: inout RouteTable) {
        for language in Language.allCases {
            for page in [Page.verifyEmail, .resetPassword] {
                table.add(.get, page.path(in: language)) { context in
                    let token = String((context.request.query("token") ?? "").prefix(200))
                    return PortalAuthRoutes.form(page, context, language, state: FormState(values: ["token": token]))
                }
                table.add(.post, page.path(in: language)) { context in try submit(page, context, language) }
            }
        }
    }

    static func submit(_ page: Page, _ context: RequestContext, _ language: Language) throws -> Response {
        let form = try SiteForms.decode(context)
        let values = SiteForms.dictionary(form)
        let token = String((values["token"] ?? "").prefix(200))
        var state = FormState(values: ["token": token])
        guard FormGuard.accepts(context, form: form) else {
            state.formError = "error_csrf"
            return PortalAuthRoutes.form(page, context, language, state: state, status: .forbidden)
        }
        if page == .verifyEmail {
            guard try AccountMailRoutes.performVerification(token: token, context: context) else {
                state.formError = "error_token_invalid"
                return PortalAuthRoutes.form(page, context, language, state: state, status: .unprocessableContent)
            }
        } else {
            let password = values["password"] ?? ""
            if let rejection = PasswordPolicy.standard.check(password, email: nil) {
                state.errors["password"] = rejection.messageKey
                return PortalAuthRoutes.form(page, context, language, state: state, status: .unprocessableContent)
            }
            do {
                guard try AccountMailRoutes.performReset(token: token, password: password, context: context) else {
                    state.formError = "error_token_invalid"
                    return PortalAuthRoutes.form(page, context, language, state: state, status: .unprocessableContent)
                }
            } catch let rejected as AccountMailRoutes.RejectedPassword {
                state.errors["password"] = rejected.rejection.messageKey
                return PortalAuthRoutes.form(page, context, language, state: state, status: .unprocessableContent)
            }
        }
        state.values["done"] = "1"
        var response = PortalAuthRoutes.form(page, context, language, state: state)
        if page == .resetPassword {
            response.headers.add(name: "Set-Cookie", value: SessionCookie(maxAge: 0).clearingHeaderValue)
        }
        return response
    }
}
