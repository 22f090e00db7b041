import Pages
import Web

/// Renders a site page into a cacheable HTML response.
enum PageResponse {
    /// Public pages may be cached by nginx and browsers for a minute.
    static let publicCacheControl = "public, max-age=60"

    /// The HTML response for `page`, or a 500 problem when its template is missing.
    static func render(
        _ page: SitePage, context: RequestContext, jsonLD: JSON, extra: [String: Any] = [:],
        status: HTTPStatus = .ok, cacheControl: String = publicCacheControl
    ) throws -> Response {
        let values = page.context(
            baseURL: context.services.configuration.publicURL, assets: context.services.assets.urls,
            jsonLD: StructuredData.serialize(jsonLD), extra: extra)
        guard let html = context.services.pages.render(page.template, context: values) else {
            context.logger.error("template missing", metadata: ["page.template": "\(page.template)"])
            throw Problem.internal()
        }
        var response = Response.html(html, status: status)
        response.headers.replaceOrAdd(name: "Cache-Control", value: cacheControl)
        response.headers.replaceOrAdd(name: "Content-Language", value: page.language.rawValue)
        return response
    }
}
