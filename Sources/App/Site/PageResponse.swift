import Domain
import Pages
import Web

/// Renders site pages into responses with the right caching: public pages without per-visitor data are
/// cacheable (nginx's page cache and browsers, one minute); anything with a form token, a session or
/// personal data is `private, no-store`.
enum PageResponse {
    /// Cache-Control of cacheable public pages.
    static let publicCacheControl = "public, max-age=60"

    /// The page as HTML.
    static func render(
        _ page: Page, _ language: Language, _ context: RequestContext, _ pageContext: PageContext = PageContext(),
        status: HTTPStatus = .ok
    ) -> Response {
        var values = pageContext
        values.showConsentBanner = context.request.cookie(ConsentDecision.cookieName) == nil
        let html = context.services.site.renderBytes(page: page, language: language, context: values)
        var response = Response(
            status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: html)
        // A page without the consent banner is this visitor's: the shared copy must always carry the banner, so
        // it is never stored publicly, whatever a cache's own cookie test says (issue #17).
        let personal =
            values.csrfToken != nil || values.signedIn || values.portal != nil || values.form != nil
            || !values.showConsentBanner
        let cacheable = page.isCacheable && !personal && status == .ok
        response.headers.replaceOrAdd(
            name: "Cache-Control", value: cacheable ? publicCacheControl : "private, no-store")
        response.headers.replaceOrAdd(name: "Content-Language", value: language.rawValue)
        if !page.isIndexable { response.headers.replaceOrAdd(name: "X-Robots-Tag", value: "noindex") }
        return response
    }

    /// A 303 to a path on this site (the answer to a successful form post).
    static func seeOther(_ path: String) -> Response {
        var response = Response.redirect(to: path, status: .seeOther)
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }
}
