import Domain
import Foundation
import Testing

@testable import Pages

/// Every page in both languages: complete, with its metadata, and nothing left unrendered.
@Suite struct SitePagesTests {
    typealias F = PagesFixtures

    static let everyPage: [(Page, Language)] = Page.allCases.flatMap { page in Language.allCases.map { (page, $0) } }

    func render(_ page: Page, _ language: Language) -> String {
        F.site.render(page: page, language: language, context: F.context(for: page))
    }

    @Test(arguments: everyPage) func pageIsCompleteWithItsMetadata(page: Page, language: Language) throws {
        let html = render(page, language)
        let strings = Strings.table(for: language)
        let own = F.baseURL + page.path(in: language)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">"))
        #expect(!html.contains("{{"), "an unrendered tag is left")
        let title = try #require(strings[page.key + "_title"])
        #expect(html.contains("<title>\(F.escape(title))</title>"))
        let description = try #require(strings[page.key + "_description"])
        #expect(!description.isEmpty)
        #expect(html.contains("<meta name=\"description\" content=\"\(F.escape(description))\">"))
        #expect(html.contains("<link rel=\"canonical\" href=\"\(own)\">"))
        for other in Language.allCases {
            let href = F.baseURL + page.path(in: other)
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"\(other.rawValue)\" href=\"\(href)\">"))
        }
        #expect(html.contains("<meta property=\"og:title\" content=\"\(F.escape(title))\">"))
        #expect(html.contains("<meta property=\"og:url\" content=\"\(own)\">"))
        #expect(html.contains("<meta property=\"og:locale\" content=\"\(language.openGraphLocale)\">"))
        #expect(html.contains(F.escape(strings["b2b_notice"]!)), "the B2B notice is missing")
        #expect(html.contains("href=\"\(Page.imprint.path(in: language))\""))
        #expect(html.contains("href=\"\(Page.privacy.path(in: language))\""))
        #expect(html.contains("href=\"\(Page.terms.path(in: language))\""))
        #expect(html.contains("href=\"\(Page.consent.path(in: language))\""), "the withdrawal link is missing")
        #expect(html.contains("<a class=\"skip-link\" href=\"#main\">"))
        #expect(html.contains("<main id=\"main\""))
        #expect(html.contains("<meta name=\"robots\" content=\"noindex\">") == !page.isIndexable)
        #expect(html.components(separatedBy: "<h1").count == 2, "exactly one h1")
        #expect(!html.contains(" style=") && !html.contains(" onclick=") && !html.contains("<style"))
    }

    @Test(arguments: everyPage) func languageSwitchLeadsToTheSamePage(page: Page, language: Language) {
        let html = render(page, language)
        let other = language == .de ? Language.en : Language.de
        let link =
            "<a href=\"\(page.path(in: other))\" hreflang=\"\(other.rawValue)\" lang=\"\(other.rawValue)\">"
        #expect(html.contains(link))
    }

    @Test(arguments: everyPage) func jsonLDIsValidAndNamesTheOrganization(page: Page, language: Language) throws {
        let html = render(page, language)
        let blocks = F.jsonLDBlocks(html)
        #expect(blocks.count == 1)
        let data = Data(try #require(blocks.first).utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["@context"] as? String == "https://schema.org")
        let graph = try #require(root["@graph"] as? [[String: Any]])
        #expect(graph.first?["@type"] as? String == "Organization")
        #expect(graph.first?["name"] as? String == "German Code Zero AI GmbH")
        let products = graph.filter { $0["@type"] as? String == "Product" }
        if page == .pricing || page == .services {
            #expect(products.map { $0["sku"] as? String } == ["ai_assessment", "assistant_starter"])
            let offer = try #require(products.first?["offers"] as? [String: Any])
            #expect(offer["price"] as? String == "2900.00")
            #expect(offer["priceCurrency"] as? String == "EUR")
            let name = products.first?["name"] as? String
            #expect(name == (language == .de ? "KI-Potenzialanalyse" : "AI opportunity assessment"))
        } else {
            #expect(products.isEmpty)
        }
    }

    @Test(arguments: Language.allCases) func pricingListsActivePackagesAndAddonsWithNetPrices(language: Language) {
        let html = render(.pricing, language)
        #expect(html.contains(language == .de ? "2.900,00\u{a0}€" : "€2,900.00"))
        #expect(html.contains(language == .de ? "Priority-Support" : "Priority support"))
        #expect(!html.contains(">Alt<") && !html.contains(">Old<"), "an inactive package is shown")
        #expect(html.contains(F.escape(Strings.table(for: language)["pricing_vat_eu"]!)))
    }

    @Test func pagesWithoutTheirDataSayWhy() {
        for page in [Page.services, .pricing, .configurator] {
            let html = F.site.render(page: page, language: .de)
            #expect(html.contains(Strings.table(for: .de)["catalog_unavailable"]!), "\(page)")
        }
    }

    @Test(arguments: Language.allCases) func imprintHasEveryDDGField(language: Language) {
        let html = render(.imprint, language)
        let company = Company.codeZero
        for value in [
            company.legalName, company.street, company.postalCode, company.city, company.email, company.phone,
            company.registerCourt, company.registerNumber, company.vatId, company.managingDirectors,
        ] {
            #expect(html.contains(F.escape(value)), "missing \(value)")
        }
        #expect(!html.lowercased().contains("ec.europa.eu/consumers/odr"), "the ODR platform link is gone for good")
    }

    @Test(arguments: Language.allCases) func privacyCoversArticle13(language: Language) {
        let html = render(.privacy, language)
        let required =
            language == .de
            ? [
                "Art. 6 Abs. 1 lit. b", "lit. c", "lit. f", "lit. a", "Stripe", "Data Privacy Framework", "Art. 21",
                "Art. 77", "Art. 22", "8 Jahre ab Ende des Kalenderjahres", "Widerspruch",
            ]
            : [
                "Art. 6 (1)(b)", "(1)(c)", "(1)(f)", "(1)(a)", "Stripe", "Data Privacy Framework", "Art. 21",
                "Art. 77", "Art. 22", "8 years from the end of the calendar year", "object",
            ]
        for phrase in required { #expect(html.contains(F.escape(phrase)), "missing \(phrase)") }
    }

    @Test func consentBannerOffersAcceptAndRejectEquallyAndPostsWithoutJavaScript() {
        let html = F.site.render(page: .home, language: .de)
        #expect(html.contains("<form method=\"post\" action=\"/de/consent\" class=\"consent-form\">"))
        let accept =
            "<button type=\"submit\" name=\"choice\" value=\"accept_all\" class=\"button\">Alle akzeptieren</button>"
        let reject =
            "<button type=\"submit\" name=\"choice\" value=\"reject_all\" class=\"button\">Alle ablehnen</button>"
        #expect(html.contains(accept) && html.contains(reject), "both first-layer buttons, same class")
        #expect(html.contains("<input type=\"hidden\" name=\"return_to\" value=\"/de/\">"))
        #expect(!html.contains("checked"), "no pre-ticked purpose")
        let hidden = F.site.render(page: .home, language: .de, context: PageContext(showConsentBanner: false))
        #expect(!hidden.contains("consent-banner"))
        #expect(F.site.render(page: .consent, language: .en).contains("action=\"/en/consent\""))
    }

    @Test func noRequestLeavesTheSiteBeforeConsent() {
        for (page, language) in Self.everyPage {
            let html = render(page, language)
            for attribute in ["src=\"http", "href=\"//", "src=\"//"] {
                #expect(!html.contains(attribute), "\(page) \(language) loads from another host")
            }
            let links = html.components(separatedBy: "<link ").dropFirst().map { $0.prefix { $0 != ">" } }
            for link in links where link.contains("stylesheet") || link.contains("preconnect") {
                #expect(link.contains("href=\"/"), "\(link)")
            }
        }
    }

    @Test func scriptsAreSelfHostedAndOnlyTheConfiguratorGetsItsOwn() {
        let configurator = render(.configurator, .de)
        #expect(configurator.contains("<script src=\"\(AssetManifest.bundled.url("configurator_js"))\" defer>"))
        #expect(configurator.contains("<script src=\"\(AssetManifest.bundled.url("consent_js"))\" defer>"))
        #expect(!render(.home, .de).contains(AssetManifest.bundled.url("configurator_js")))
    }

    @Test func csrfTokenAppearsOnlyWhenGiven() {
        #expect(render(.contact, .de).contains("<input type=\"hidden\" name=\"csrf_token\" value=\"csrf-test\">"))
        #expect(!F.site.render(page: .contact, language: .de).contains("name=\"csrf_token\""))
    }

    @Test func pathsRoundTripThroughMatching() throws {
        for (page, language) in Self.everyPage {
            let match = try #require(Page.matching(path: page.path(in: language)))
            #expect(match.page == page && match.language == language)
        }
        #expect(Page.matching(path: "/de/konto/kaeufe/pur_42") == nil, "a purchase's address is no page of its own")
        #expect(Page.matching(path: "/de/nirgendwo") == nil)
        #expect(Page.configurator.path(in: .de) == "/de/konfigurator")
        #expect(Page.imprint.path(in: .en) == "/en/imprint")
        #expect(Page.privacy.path(in: .de) == "/de/datenschutz")
        #expect(Page.terms.path(in: .de) == "/de/agb")
    }
}
