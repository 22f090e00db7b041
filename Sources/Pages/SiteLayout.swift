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
    /// The main navigation (a list of ``Link``s, built once per worker by ``SitePageParts``).
    var nav: TemplateValue
    /// The footer's legal links (likewise).
    var footerLinks: TemplateValue
    var homeHref: String
    var consentAction: String
    /// Where the consent form returns to.
    var returnTo: String
    var ogLocale: String
    var ogLocaleAlternate: String
    var noindex: Bool
    /// The consent purposes (a list of ``Purpose``s).
    var purposes: TemplateValue
    var consentBanner: Bool
    var csrfToken: String?
    /// The page's own script (the configurator's).
    var pageScript: String?
    /// Whether the page is in the portal.
    var portal: Bool

    var templateValue: TemplateValue {
        var values: TemplateObject = [:]
        add(to: &values)
        return .object(values)
    }

    /// Adds the layout's values to `values` (the page's own dictionary, built once per render).
    func add(to values: inout TemplateObject) {
        values["page"] = .text(page)
        values["company"] = company
        values["nav"] = nav
        values["footer_links"] = footerLinks
        values["home_href"] = .text(homeHref)
        values["consent_action"] = .text(consentAction)
        values["return_to"] = .text(returnTo)
        values["og_locale"] = .text(ogLocale)
        values["og_locale_alternate"] = .text(ogLocaleAlternate)
        values["noindex"] = .flag(noindex)
        values["purposes"] = purposes
        if consentBanner { values["consent_banner"] = true }
        if let csrfToken { values["csrf_token"] = .text(csrfToken) }
        if let pageScript { values["page_script"] = .text(pageScript) }
        if portal { values["portal"] = true }
    }
}
