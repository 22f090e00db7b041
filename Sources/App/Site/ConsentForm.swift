import Domain
import Pages
import Signing
import Storage
import Web

/// `POST /{lang}/consent`: the banner's and the settings page's "accept all" / "reject all" / "save".
/// The decision is stored as a record (version, time, choices) under a random browser id, the cookie
/// `cz_consent` carries it (not HttpOnly: `consent.js` reads it to hide the banner on cached pages), and the
/// visitor returns to the page they were on.
enum ConsentForm {
    static let subjectCookie = "__Host-codezero_consent_id"

    static func submit(_ context: RequestContext, _ language: Language) throws -> Response {
        let form = try SiteForms.decode(context)
        guard FormGuard.isSameOrigin(context) else {
            throw Problem.forbidden(detail: "Cross-site consent changes are refused.")
        }
        guard let decision = ConsentDecision(fields: form.fields.map { ($0.name, $0.value) }, language: language) else {
            return PageResponse.render(
                .consent, language, context, PageContext(form: FormState(formError: "error_required")),
                status: .unprocessableContent)
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
