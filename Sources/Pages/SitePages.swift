public import Domain

/// The site's renderer: the one call the App makes for every HTML page, plus the sitemap and robots.txt.
///
/// ```swift
/// let site = try SitePages(baseURL: configuration.publicURL)
/// let html = site.render(page: .pricing, language: .de, context: PageContext(catalog: catalog))
/// ```
/// Created once per worker (templates are parsed at start-up); rendering is a pure function of its inputs.
public struct SitePages: Sendable {
    /// Absolute base URL without a trailing slash, e.g. `https://codezero.example`.
    public let baseURL: String
    /// The fingerprinted asset URLs.
    public let assets: AssetManifest
    /// The seller shown in the imprint, footer, receipts and JSON-LD.
    public let company: Company
    /// The templates, with the parts that are the same for every render of a language folded in.
    let renderer: PageRenderer
    /// The seller's template value (`company`), built once.
    private let companyValue: TemplateValue
    /// The parts every render of a page in a language shares, built once (navigation, hreflang, JSON-LD …).
    let parts: SitePageParts
    /// The asset table as a template value, built once.
    private let assetsValue: TemplateValue

    /// Loads the templates (from `templatesDirectory`, or the bundled ones); throws when one of ``Page``'s templates
    /// is missing or does not parse.
    public init(
        baseURL: String, assets: AssetManifest = .bundled, company: Company = .codeZero,
        templatesDirectory: String? = nil
    ) throws {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.assets = assets
        self.company = company
        companyValue = company.templateValue
        parts = SitePageParts(baseURL: base, company: company)
        assetsValue = .strings(assets.urls)
        let company = companyValue
        let assetsValue = assetsValue
        let parts = parts
        renderer = try PageRenderer(directory: templatesDirectory).folding(
            Language.allCases.map { language in
                [
                    ("t", Strings.templateValue(for: language)), ("href", parts.hrefs(in: language)),
                    ("company", company), ("assets", assetsValue),
                ]
            })
        for page in Page.allCases where !renderer.hasTemplate(named: page.template) {
            throw PageRenderer.LoadError.missingTemplate(page.template)
        }
    }

    /// The HTML of `page` in `language`.
    public func render(page: Page, language: Language, context: PageContext = PageContext()) -> String {
        String(decoding: renderBytes(page: page, language: language, context: context), as: UTF8.self)
    }

    /// The HTML of `page` in `language` as UTF-8 bytes: the response body as rendered, not copied again.
    public func renderBytes(page: Page, language: Language, context: PageContext = PageContext()) -> [UInt8] {
        let values = self.values(page: page, language: language, context: context)
        guard let html = renderer.renderBytes(page.template, context: values) else {
            preconditionFailure("SitePages: template \(page.template) vanished after loading")
        }
        return html
    }

    /// `/sitemap.xml`.
    public func sitemap() -> String { Sitemap.xml(baseURL: baseURL) }

    /// `/robots.txt`.
    public func robots() -> String { RobotsTxt.text(baseURL: baseURL) }

    /// The whole template context of `page` (exposed to the tests through `@testable`): one dictionary, into
    /// which the layout, the page and the frame write; what does not vary per request comes from ``parts``.
    func values(page: Page, language: Language, context: PageContext) -> TemplateValue {
        let strings = Strings.table(for: language)
        let frame = parts.frame(page, language)
        var paths: [Language: String] = [:]
        for other in Language.allCases { paths[other] = page.path(in: other) + (context.pathId ?? "") }
        let packages = page == .services || page == .pricing ? (context.catalog?.packages ?? []) : []
        let jsonLD =
            packages.isEmpty
            ? parts.organizationJSONLD
            : StructuredData.graph(
                company: company, baseURL: baseURL, pageURL: baseURL + paths[language]!, language: language,
                packages: packages
            ).serialized
        let site = SitePage(
            template: page.template, language: language, paths: paths, titleKey: page.key + "_title",
            descriptionKey: page.key + "_description")
        var values: TemplateObject = [:]
        values.reserveCapacity(64)
        layout(page: page, language: language, context: context, strings: strings, frame: frame).add(to: &values)
        pageValues(page: page, language: language, context: context, strings: strings, into: &values)
        let head =
            context.pathId == nil
            ? (alternates: frame.alternates, links: frame.alternatesLinks)
            : SitePage.alternates(paths: paths, language: language, baseURL: baseURL)
        return site.context(
            baseURL: baseURL, assets: assetsValue, jsonLD: jsonLD, alternates: head.alternates,
            alternatesLinks: head.links, extra: values)
    }

    /// The layout's view model around `page`: navigation, footer, consent banner and form, portal frame.
    private func layout(
        page: Page, language: Language, context: PageContext, strings: [String: String], frame: SitePageParts.Frame
    )
        -> SiteLayout
    {
        let form = context.form?.values
        return SiteLayout(
            page: page.key, company: companyValue, nav: context.signedIn ? frame.navSignedIn : frame.nav,
            footerLinks: frame.footerLinks,
            homeHref: Page.home.path(in: language), consentAction: "/\(language.rawValue)/consent",
            returnTo: form?["return_to"] ?? (page.path(in: language) + (context.pathId ?? "")),
            ogLocale: language.openGraphLocale,
            ogLocaleAlternate: (language == .de ? Language.en : Language.de).openGraphLocale,
            noindex: !page.isIndexable,
            purposes: form.map { form in
                ConsentDecision.Purpose.allCases.map { purpose in
                    SiteLayout.Purpose(
                        value: purpose.rawValue, label: strings["consent_purpose_" + purpose.rawValue] ?? "",
                        text: strings["consent_purpose_" + purpose.rawValue + "_text"] ?? "",
                        checked: form["purpose_" + purpose.rawValue] != nil)
                }.templateValue
            } ?? parts.uncheckedPurposes(in: language),
            consentBanner: context.showConsentBanner && page != .consent, csrfToken: context.csrfToken,
            pageScript: page == .configurator ? assets.urls["configurator_js"] : nil, portal: page.isPortal)
    }
}
