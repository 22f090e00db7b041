import Domain
import Pages
import Signing
import Storage
import Web

/// `GET /{lang}/consent` (the settings page) and `POST /{lang}/consent`: the banner's and the settings page's
/// "accept all" / "reject all" / "save". The decision is stored as a record (version, time, choices) under a
/// random browser id, the cookie `cz_consent` carries it (not HttpOnly: `consent.js` reads it to hide the banner
/// on cached pages), and the visitor returns to the page they were on.
///
/// CSRF (issue #17): a decision is stored only with the visitor's own double-submit token (``FormGuard``: the
/// `__Host-codezero_form` cookie echoed in `csrf_token`) and a same-origin request. The banner sits on pages of
/// the public cache, whose bytes every visitor shares, so it cannot carry a per-visitor token — and it must
/// not get one, or the cache would hand one visitor's token to all. Instead the token lives only on private
/// responses: the settings page (`private, no-store`) renders it and sets the cookie. `consent.js` fetches that
/// page when the banner is submitted and posts the token with the choice; without JavaScript the token-less
/// post stores nothing and answers the settings page (403) with the choice kept and a fresh token, where one
/// more click confirms it. Cached pages stay byte-identical for everybody and carry no Set-Cookie.
enum ConsentForm {
    static let subjectCookie = "__Host-codezero_consent_id"

    /// The settings page with this visitor's form token (never cached; sets the token cookie when new).
    static func page(
        _ context: RequestContext, _ language: Language, state: FormState? = nil, status: HTTPStatus = .ok
    ) -> Response {
        let token = FormGuard.pendingToken(for: context)
        var response = PageResponse.render(
            .consent, language, context, PageContext(csrfToken: token.token, form: state), status: status)
        FormGuard.finish(&response, token: token)
        return response
    }

    static func submit(_ context: RequestContext, _ language: Language) throws -> Response {
        let form = try SiteForms.decode(context)
        guard FormGuard.isSameOrigin(context) else {
            throw Problem.forbidden(detail: "Cross-site consent changes are refused.")
        }
        guard let decision = ConsentDecision(fields: form.fields.map { ($0.name, $0.value) }, language: language) else {
            return page(
                context, language, state: FormState(formError: "error_required"), status: .unprocessableContent)
        }
        guard FormGuard.accepts(context, form: form) else {
            // No (or another visitor's) token: typically the banner of a cached page without JavaScript. Nothing
            // is stored; the visitor confirms the same choice once more on the private settings page.
            var kept = ["return_to": returnPath(form["return_to"], language: language)]
            for purpose in decision.purposes { kept["purpose_" + purpose.rawValue] = "on" }
            return page(
                context, language, state: FormState(values: kept, formError: "consent_confirm"), status: .forbidden)
        }
        let existing = context.request.cookie(subjectCookie).flatMap { FormGuard.isPlausible($0) ? $0 : nil }
        let subject = existing ?? SecureRandom.token(bytes: 18)
        try SiteRecordStore(connection: context.services.database).recordConsent(
            subject: subject, version: ConsentDecision.version, language: language.rawValue,
            purposes: decision.purposeIds)
        var response = PageResponse.seeOther(returnPath(form["return_to"], language: language))
        let year = RetentionSchedule.consentLifetimeDays * 86_400
        response.headers.add(
            name: "Set-Cookie",
            value:
                "\(ConsentDecision.cookieName)=\(decision.cookieValue); Path=/; Max-Age=\(year); Secure; SameSite=Lax")
        if existing == nil {
            response.headers.add(
                name: "Set-Cookie",
                value: "\(subjectCookie)=\(subject); Path=/; Max-Age=\(year); Secure; HttpOnly; SameSite=Lax")
        }
        return response
    }

    /// Only paths of this site's language trees; anything else goes home (no open redirect).
    static func returnPath(_ value: String?, language: Language) -> String {
        guard let value, value.hasPrefix("/de/") || value.hasPrefix("/en/") || value == "/de" || value == "/en",
            !value.contains("//"), !value.contains("\\"), value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else { return Page.home.path(in: language) }
        return value
    }
}
