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
    ///   - extra: page-specific values (they win over the layout's of the same name).
    public func context(
        baseURL: String, assets: [String: String], jsonLD: String, extra: TemplateObject = [:]
    )
        -> TemplateValue
    {
        let head = Self.alternates(paths: paths, language: language, baseURL: baseURL)
        return context(
            baseURL: baseURL, assets: .strings(assets), jsonLD: jsonLD, alternates: head.alternates,
            alternatesLinks: head.links, extra: extra)
    }

    /// ``context(baseURL:assets:jsonLD:extra:)`` with the parts a worker builds once (``SitePageParts``): the
    /// hreflang lists and the asset table. The layout's nine members are added to `extra` (whose own win), so the
    /// page's dictionary is built once.
    func context(
        baseURL: String, assets: TemplateValue, jsonLD: String, alternates: TemplateValue,
        alternatesLinks: TemplateValue, extra: TemplateObject
    ) -> TemplateValue {
        let strings = Strings.table(for: language)
        let layout: TemplateObject = [
            "lang": .text(language.rawValue),
            "t": Strings.templateValue(for: language),
            "title": .text(strings[titleKey] ?? titleKey),
            "description": .text(strings[descriptionKey] ?? descriptionKey),
            "canonical": .text(baseURL + (paths[language] ?? "/")),
            "alternates": alternates,
            "alternates_links": alternatesLinks,
            "assets": assets,
            "json_ld": .text(jsonLD),
        ]
        var context = extra
        context.merge(layout) { page, _ in page }
        return .object(context)
    }

    /// The `alternates` (absolute, with `x-default`) and `alternates_links` (the language switch) of `paths`.
    static func alternates(
        paths: [Language: String], language: Language, baseURL: String
    ) -> (alternates: TemplateValue, links: TemplateValue) {
        var alternates: [TemplateValue] = []
        var links: [TemplateValue] = []
        for other in Language.allCases {
            guard let path = paths[other] else { continue }
            alternates.append(["hreflang": .text(other.rawValue), "href": .text(baseURL + path)])
            links.append([
                "hreflang": .text(other.rawValue), "href": .text(path), "label": .text(other.endonym),
                "current": .flag(other == language),
            ])
        }
        if let fallback = paths[.en] {
            alternates.append(["hreflang": "x-default", "href": .text(baseURL + fallback)])
        }
        return (.list(alternates), .list(links))
    }
}
