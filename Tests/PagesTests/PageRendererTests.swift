import Domain
import Foundation
import Testing

@testable import Pages

@Suite struct PageRendererTests {
    let renderer: PageRenderer

    init() throws {
        renderer = try PageRenderer()
    }

    func homePage(_ language: Language) -> String? {
        let page = SitePage(
            template: "home", language: language, paths: [.de: "/de/", .en: "/en/"], titleKey: "home_title",
            descriptionKey: "home_description")
        let context = page.context(
            baseURL: "https://example.test", assets: ["site_css": "/assets/site.0123abcd.css"],
            jsonLD: #"{"@type":"Organization"}"#)
        return renderer.render(page.template, context: context)
    }

    @Test(arguments: Language.allCases) func homeRendersEveryLanguageWithItsMetadata(language: Language) throws {
        let html = try #require(homePage(language))
        let strings = Strings.table(for: language)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"\(language.rawValue)\">"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://example.test/\(language.rawValue)/\">"))
        #expect(html.contains("<link rel=\"alternate\" hreflang=\"de\" href=\"https://example.test/de/\">"))
        #expect(html.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.test/en/\">"))
        #expect(html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.test/en/\">"))
        #expect(html.contains("/assets/site.0123abcd.css"))
        #expect(html.contains(#"<script type="application/ld+json">{"@type":"Organization"}</script>"#))
        #expect(html.contains(escape(strings["home_heading"]!)))
        #expect(!html.contains("{{"), "an unrendered tag is left")
    }

    @Test func valuesAreEscapedByDefault() throws {
        let page = SitePage(
            template: "home", language: .en, paths: [.en: "/en/?q=<script>"], titleKey: "home_title",
            descriptionKey: "home_description")
        let html = try #require(
            renderer.render("home", context: page.context(baseURL: "https://x.test", assets: [:], jsonLD: "{}")))
        #expect(!html.contains("<script>\""))
        #expect(html.contains("/en/?q=&lt;script&gt;"))
    }

    @Test func unknownTemplateRendersNothing() {
        #expect(renderer.render("no-such-page", context: [:]) == nil)
        #expect(!renderer.hasTemplate(named: "no-such-page"))
        #expect(renderer.hasTemplate(named: "home"))
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

@Suite struct SitePagesLoadingTests {
    @Test func aMissingPageTemplateIsRefusedAtStartUp() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pages-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<p>{{title}}</p>".write(
            to: folder.appendingPathComponent("home.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: PageRenderer.LoadError.self) {
            try SitePages(baseURL: "https://x.test", templatesDirectory: folder.path)
        }
        #expect(throws: PageRenderer.LoadError.self) {
            try SitePages(baseURL: "https://x.test", templatesDirectory: "/no/such")
        }
    }

    @Test func trailingSlashesOfTheBaseURLAreDropped() throws {
        let site = try SitePages(baseURL: "https://x.test//")
        #expect(site.baseURL == "https://x.test")
        #expect(site.robots().hasSuffix("Sitemap: https://x.test/sitemap.xml\n"))
    }
}
