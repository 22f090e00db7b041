/// The view model of the site's layout around every page: navigation, footer, the consent banner and form, the
/// CSRF token and the portal frame (the page's metadata comes from ``SitePage``).
struct SiteLayout: TemplateRepresentable {
    /// A navigation or footer link.
    struct Link: TemplateRepresentable {
        var href: String
        var label: String
        var current: Bool

        var templateValue: TemplateValue { ["href": .text(href), "label": .text(label), "current": .flag(current)] }
    }

    /// A consent purpose in the banner and on the consent page.
    struct Purpose: TemplateRepresentable {
        var value: String
        var label: String
        var text: String
        var checked: Bool

        var templateValue: TemplateValue {
            ["value": .text(value), "label": .text(label), "text": .text(text), "checked": .flag(checked)]
        }
    }

    /// The page's key (`page`).
    var page: String
    /// The seller (`company`), built once per worker.
    var company: TemplateValue
    var nav: [Link]
    var footerLinks: [Link]
    var homeHref: String
    var consentAction: String
    /// Where the consent form returns to.
    var returnTo: String
    var ogLocale: String
    var ogLocaleAlternate: String
    var noindex: Bool
    var purposes: [Purpose]
    var consentBanner: Bool
    var csrfToken: String?
    /// The page's own script (the configurator's).
    var pageScript: String?
    /// Whether the page is in the portal.
    var portal: Bool

    var templateValue: TemplateValue { .object(members) }

    /// The layout's values, to which the page adds its own.
    var members: [String: TemplateValue] {
        var values: [String: TemplateValue] = [
            "page": .text(page), "company": company, "nav": nav.templateValue,
            "footer_links": footerLinks.templateValue, "home_href": .text(homeHref),
            "consent_action": .text(consentAction), "return_to": .text(returnTo), "og_locale": .text(ogLocale),
            "og_locale_alternate": .text(ogLocaleAlternate), "noindex": .flag(noindex),
            "purposes": purposes.templateValue,
        ]
        if consentBanner { values["consent_banner"] = true }
        if let csrfToken { values["csrf_token"] = .text(csrfToken) }
        if let pageScript { values["page_script"] = .text(pageScript) }
        if portal { values["portal"] = true }
        return values
    }
}
