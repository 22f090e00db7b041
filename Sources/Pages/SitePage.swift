public import Domain

/// One page of the public site in one language: what the layout needs around the page's own content.
public struct SitePage: Sendable {
    /// The page's template, e.g. `"home"`.
    public var template: String
    /// The language this rendering is in.
    public var language: Language
    /// The page's path in every language, e.g. `[.de: "/de/", .en: "/en/"]` (the hreflang pair).
    public var paths: [Language: String]
    /// Key of the `<title>` in ``Strings``.
    public var titleKey: String
    /// Key of the meta description in ``Strings``.
    public var descriptionKey: String

    /// Describes a page.
    public init(
        template: String, language: Language, paths: [Language: String], titleKey: String, descriptionKey: String
    ) {
        self.template = template
        self.language = language
        self.paths = paths
        self.titleKey = titleKey
        self.descriptionKey = descriptionKey
    }

    /// The context the layout and the page template render with.
    ///
    /// - Parameters:
    ///   - baseURL: absolute site URL without a trailing slash (canonical and hreflang links are absolute).
    ///   - assets: logical asset name → public URL, e.g. `"site_css": "/assets/site.1a2b3c4d.css"`.
    ///   - jsonLD: the page's structured data, already serialised as JSON (rendered unescaped; must not
    ///     contain `</`, which the caller's JSON encoder escapes).
    ///   - extra: page-specific values.
    public func context(
        baseURL: String, assets: [String: String], jsonLD: String, extra: [String: Any] = [:]
    )
        -> [String: Any]
    {
        let strings = Strings.table(for: language)
        var alternates: [[String: Any]] = []
        var links: [[String: Any]] = []
        for other in Language.allCases {
            guard let path = paths[other] else { continue }
            alternates.append(["hreflang": other.rawValue, "href": baseURL + path])
            links.append([
                "hreflang": other.rawValue, "href": path, "label": other.endonym, "current": other == language,
            ])
        }
        if let fallback = paths[.en] {
            alternates.append(["hreflang": "x-default", "href": baseURL + fallback])
        }
        var context: [String: Any] = [
            "lang": language.rawValue,
            "t": strings,
            "title": strings[titleKey] ?? titleKey,
            "description": strings[descriptionKey] ?? descriptionKey,
            "canonical": baseURL + (paths[language] ?? "/"),
            "alternates": alternates,
            "alternates_links": links,
            "assets": assets,
            "json_ld": jsonLD,
        ]
        for (key, value) in extra { context[key] = value }
        return context
    }
}
