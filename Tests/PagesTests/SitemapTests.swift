import Domain
import Foundation
import Testing

@testable import Pages

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct SitemapTests {
    @Test func sitemapListsEveryIndexablePageInBothLanguagesWithAlternates() throws {
        let xml = PagesFixtures.site.sitemap()
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(xml.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""))
        let indexable = Page.allCases.filter(\.isIndexable)
        #expect(xml.components(separatedBy: "<url>").count - 1 == indexable.count * 2)
        for page in indexable {
            for language in Language.allCases {
                #expect(xml.contains("<loc>https://codezero.test\(page.path(in: language))</loc>"))
            }
        }
        #expect(xml.contains("<loc>https://codezero.test/de/konfigurator</loc>"))
        #expect(xml.contains("hreflang=\"en\" href=\"https://codezero.test/en/configurator\""))
        #expect(!xml.contains("/de/konto") && !xml.contains("/en/404"))
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "the sitemap is well-formed XML")
    }

    @Test func robotsPointsToTheSitemapAndHidesThePortal() {
        let robots = PagesFixtures.site.robots()
        #expect(robots.hasPrefix("User-agent: *\n"))
        #expect(robots.hasSuffix("Sitemap: https://codezero.test/sitemap.xml\n"))
        #expect(robots.contains("Disallow: /de/konto\n") && robots.contains("Disallow: /en/account\n"))
        #expect(robots.contains("Disallow: /api/\n"))
        #expect(!robots.contains("Disallow: /de/preise"))
    }

    @Test func sitemapEscapesTheBaseURL() {
        #expect(Sitemap.xml(baseURL: "https://a.test/?x=1&y=2", pages: [.home]).contains("x=1&amp;y=2"))
    }
}
