import Pages
import Web

/// The public site: the language redirect at `/` and the pages under `/de/` and `/en/`.
enum SiteRoutes {
    static func register(in table: inout RouteTable) {
        table.add(.get, "/") { context in
            let language = context.request.preferredLanguage(among: ["de", "en"], default: "en")
            var response = Response.redirect(to: "/\(language)/", status: .found)
            response.headers.replaceOrAdd(name: "Vary", value: "Accept-Language")
            response.headers.replaceOrAdd(name: "Cache-Control", value: "private, max-age=0")
            return response
        }
        for language in Language.allCases {
            table.add(.get, "/\(language.rawValue)") { _ in
                .redirect(to: "/\(language.rawValue)/", status: .movedPermanently)
            }
            table.add(.get, "/\(language.rawValue)/") { context in
                let page = SitePage(
                    template: "home", language: language, paths: [.de: "/de/", .en: "/en/"],
                    titleKey: "home_title", descriptionKey: "home_description")
                return try PageResponse.render(page, context: context, jsonLD: StructuredData.organization(context))
            }
        }
    }
}
