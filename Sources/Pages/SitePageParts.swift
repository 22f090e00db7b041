import Domain

/// The parts of the site's pages that depend only on the page, the language and the base URL — navigation, footer
/// links, hreflang lists, the table of page links, the unchecked consent purposes and the Organization JSON-LD —
/// built once per worker when ``SitePages`` is created and shared by every render instead of being built and freed
/// per request (issue #16: building and releasing the value tree cost about as much as rendering it).
struct SitePageParts: Sendable {
    /// A page in a language.
    struct Key: Hashable, Sendable {
        var page: Page
        var language: Language
    }

    /// The parts of one page in one language.
    struct Frame: Sendable {
        /// The main navigation for a visitor (`login`) and for a signed-in client (`account`).
        var nav: TemplateValue
        var navSignedIn: TemplateValue
        /// The legal links of the footer.
        var footerLinks: TemplateValue
        /// `alternates` (absolute hreflang links) and `alternates_links` (the language switch) of the page's own
        /// path (without a path id).
        var alternates: TemplateValue
        var alternatesLinks: TemplateValue
    }

    private var frames: [Key: Frame] = [:]
    private var hrefs: [Language: TemplateValue] = [:]
    private var purposes: [Language: TemplateValue] = [:]
    /// The JSON-LD of a page that shows no packages (the Organization alone), serialised.
    let organizationJSONLD: String

    /// Builds every part for `baseURL` and `company`.
    init(baseURL: String, company: Company) {
        organizationJSONLD =
            StructuredData.graph(
                company: company, baseURL: baseURL, pageURL: baseURL + "/", language: .de
            ).serialized
        for language in Language.allCases {
            let strings = Strings.table(for: language)
            hrefs[language] = Self.hrefs(in: language)
            purposes[language] = .list(
                ConsentDecision.Purpose.allCases.map { purpose in
                    SiteLayout.Purpose(
                        value: purpose.rawValue, label: strings["consent_purpose_" + purpose.rawValue] ?? "",
                        text: strings["consent_purpose_" + purpose.rawValue + "_text"] ?? "", checked: false
                    ).templateValue
                })
            for page in Page.allCases {
                let link = { (target: Page, key: String) in
                    SiteLayout.Link(
                        href: target.path(in: language), label: strings[key] ?? key, current: target == page)
                }
                let common = [
                    link(.services, "nav_services"), link(.pricing, "nav_pricing"),
                    link(.configurator, "nav_configurator"), link(.contact, "nav_contact"),
                ]
                var paths: [Language: String] = [:]
                for other in Language.allCases { paths[other] = page.path(in: other) }
                let head = SitePage.alternates(paths: paths, language: language, baseURL: baseURL)
                frames[Key(page: page, language: language)] = Frame(
                    nav: (common + [link(.login, "nav_login")]).templateValue,
                    navSignedIn: (common + [link(.account, "nav_account")]).templateValue,
                    footerLinks: [
                        link(.imprint, "nav_imprint"), link(.privacy, "nav_privacy"), link(.terms, "nav_terms"),
                        link(.consent, "nav_consent"),
                    ].templateValue,
                    alternates: head.alternates, alternatesLinks: head.links)
            }
        }
    }

    /// The parts of `page` in `language`.
    func frame(_ page: Page, _ language: Language) -> Frame {
        guard let frame = frames[Key(page: page, language: language)] else {
            preconditionFailure("SitePageParts: \(page) was not built")
        }
        return frame
    }

    /// The `href` table: every page's path in `language`.
    func hrefs(in language: Language) -> TemplateValue { hrefs[language] ?? .null }

    /// The consent purposes, none checked, in `language`.
    func uncheckedPurposes(in language: Language) -> TemplateValue { purposes[language] ?? .null }

    private static func hrefs(in language: Language) -> TemplateValue {
        let path = { (target: Page) in TemplateValue.text(target.path(in: language)) }
        return [
            "configurator": path(.configurator), "pricing": path(.pricing), "contact": path(.contact),
            "services": path(.services), "privacy": path(.privacy), "terms": path(.terms),
            "imprint": path(.imprint), "login": path(.login), "register": path(.register),
            "account": path(.account), "api_tokens": path(.apiTokens), "credits": path(.credits),
            "purchases": path(.purchases), "orders": path(.orders), "home": path(.home),
            "subscriptions": path(.subscriptions),
            "referrals": path(.referrals), "invoices": path(.invoices),
            "billing_profile": path(.billingProfile), "security": path(.security), "team": path(.team),
            "support": path(.support),
        ]
    }
}
