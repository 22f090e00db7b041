import Domain

/// `/robots.txt`: everything public may be crawled; the portal, checkout results and the API may not.
public enum RobotsTxt {
    /// The file for the site at `baseURL` (absolute, without trailing slash), ending with its Sitemap line.
    public static func text(baseURL: String) -> String {
        var lines = ["User-agent: *"]
        let hidden: [Page] = [.account, .login, .register, .checkoutSuccess, .checkoutCancel, .contactThanks, .consent]
        var seen = Set<String>()
        for page in hidden {
            for language in Language.allCases where seen.insert(page.path(in: language)).inserted {
                lines.append("Disallow: " + page.path(in: language))
            }
        }
        lines.append("Disallow: /api/")
        lines.append("")
        lines.append("Sitemap: \(baseURL)/sitemap.xml")
        return lines.joined(separator: "\n") + "\n"
    }
}
