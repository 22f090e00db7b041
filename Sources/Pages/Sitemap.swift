import Domain
import Foundation

/// `/sitemap.xml`: every indexable page in both languages, each with its hreflang alternates (`xhtml:link`).
public enum Sitemap {
    /// The sitemap for the site at `baseURL` (absolute, without trailing slash).
    public static func xml(baseURL: String, pages: [Page] = Page.allCases.filter(\.isIndexable)) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

            """
        for page in pages {
            for language in Language.allCases {
                out += "<url><loc>\(escape(baseURL + page.path(in: language)))</loc>"
                for other in Language.allCases {
                    out += "<xhtml:link rel=\"alternate\" hreflang=\"\(other.rawValue)\" href=\""
                    out += escape(baseURL + page.path(in: other)) + "\"/>"
                }
                out += "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\""
                out += escape(baseURL + page.path(in: .en)) + "\"/></url>\n"
            }
        }
        return out + "</urlset>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&apos;")
    }
}
