import Domain
import Testing

@testable import Pages

/// The parts of a page that are the same for every render of a language (the strings `t`, the links `href`, the
/// company, the assets) folded into the templates once per worker (issue #16): the site renders through the folded
/// copy, byte for byte as through the templates as written; only a context that holds the very tables folded in is
/// rendered with it; and a frame that shadows a folded name gets Mustache's answer, not the folded text.
@Suite struct TemplateFoldingTests {
    typealias F = PagesFixtures

    static let renderer = F.site.renderer

    @Test(arguments: Page.allCases)
    func everyPageRendersTheSameFoldedAndAsWritten(page: Page) throws {
        for language in Language.allCases {
            for context in TemplateEquivalenceTests.contexts(for: page) {
                let values = F.site.values(page: page, language: language, context: context)
                // The privacy page's `t` is its own table (the strings with the retention periods filled in): as
                // written.
                #expect((Self.renderer.foldedLibrary(for: values) != nil) == (page != .privacy), "\(page) \(language)")
                let written = try #require(Self.renderer.renderBytesUnfolded(page.template, context: values))
                #expect(Self.renderer.renderBytes(page.template, context: values) == written, "\(page) \(language)")
                #expect(F.site.renderBytes(page: page, language: language, context: context) == written)
            }
        }
    }

    /// A table equal in content but built anew, or changed after folding, is read as written: its own texts show.
    @Test func onlyTheVeryTablesFoldedInAreRenderedFolded() throws {
        let values = F.site.values(page: .account, language: .en, context: PageContext(signedIn: true))
        #expect(Self.renderer.foldedLibrary(for: values) != nil)
        var root = values.members
        var table = Strings.templateValue(for: .en).members
        guard case .text(let original)? = table["account_heading"] else { throw TestFailure("no heading text") }
        table["account_heading"] = "Changed <heading>"
        root["t"] = .object(table)
        #expect(Self.renderer.foldedLibrary(for: .object(root)) == nil)
        let html = String(
            decoding: try #require(Self.renderer.renderBytes("account", context: .object(root))), as: UTF8.self)
        #expect(html.contains("<h1>Changed &lt;heading&gt;</h1>"))
        #expect(!html.contains("<h1>\(original)</h1>"))

        root = values.members
        root["t"] = .strings(Strings.table(for: .en))
        #expect(Self.renderer.foldedLibrary(for: .object(root)) == nil)
        root = values.members
        root["href"] = F.site.parts.hrefs(in: .de)
        #expect(Self.renderer.foldedLibrary(for: .object(root)) == nil)
        #expect(Self.renderer.foldedLibrary(for: "text") == nil)
    }

    /// A section's frame with a member of a folded name hides the table below it, as Mustache's look-up does: the
    /// folded nodes under it render as written there, and folded again after the section.
    @Test func aFrameThatShadowsAFoldedNameGetsMustachesAnswer() throws {
        var library = TemplateLibrary()
        try library.register(
            "<p>{{t.greeting}} {{href.home}}</p>{{#item}}<i>{{t.greeting}}|{{href.home}}|{{name}}</i>{{/item}}"
                + "<b>{{t.greeting}}</b>", named: "page")
        let strings: TemplateObject = ["greeting": "Hallo & willkommen"]
        let links: TemplateObject = ["home": "/de/"]
        let folded = library.folding([("t", strings), ("href", links)])
        #expect(folded.lookUps(of: "t") == 0 && folded.lookUps(of: "href") == 0)
        #expect(library.lookUps(of: "t") == 3)
        for item: TemplateValue in [
            ["name": "plain"], ["name": "own t", "t": ["greeting": "Hi <b>"]], ["name": "own href", "href": "x"],
        ] {
            let context: TemplateValue = ["t": .object(strings), "href": .object(links), "item": item]
            let written = try #require(library.render("page", context: context))
            #expect(folded.render("page", context: context) == written, "\(item)")
        }
        let shadowed: TemplateValue = [
            "t": .object(strings), "href": .object(links), "item": ["name": "n", "t": ["greeting": "Hi <b>"]],
        ]
        let html = String(decoding: try #require(folded.render("page", context: shadowed)), as: UTF8.self)
        #expect(
            html == "<p>Hallo &amp; willkommen /de/</p><i>Hi &lt;b&gt;|/de/|n</i><b>Hallo &amp; willkommen</b>")
    }

    /// The folded copies look none of the tables' texts up (every `{{t.…}}` of the templates names a text of both
    /// strings tables, every `{{href.…}}` a page).
    @Test func theFoldedTemplatesLookNoStringUp() throws {
        #expect(Self.renderer.library.lookUps(of: "t") > 300)
        #expect(Self.renderer.library.lookUps(of: "href") > 20)
        for language in Language.allCases {
            let values = F.site.values(page: .account, language: language, context: PageContext(signedIn: true))
            let folded = try #require(Self.renderer.foldedLibrary(for: values))
            #expect(folded.folded == ["t", "href", "company", "assets"])
            #expect(folded.lookUps(of: "t") == 0)
            #expect(folded.lookUps(of: "href") == 0)
            #expect(folded.lookUps(of: "assets") == 0)
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
