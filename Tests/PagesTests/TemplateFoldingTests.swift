import Domain
import Testing

@testable import Pages

/// The site's strings folded into its templates once per worker (issue #16): the pages render through the folded
/// copy, byte for byte as through the templates as written, and only a context that holds the very table folded in
/// is rendered with it.
@Suite struct TemplateFoldingTests {
    typealias F = PagesFixtures

    static let renderer = try! PageRenderer().folding("t", as: Language.allCases.map(Strings.templateValue(for:)))

    @Test(arguments: Page.allCases)
    func everyPageRendersTheSameFoldedAndAsWritten(page: Page) throws {
        for language in Language.allCases {
            for context in TemplateEquivalenceTests.contexts(for: page) {
                let values = F.site.values(page: page, language: language, context: context)
                // The privacy page's `t` is its own table (the strings with the retention periods filled in): as
                // written.
                #expect((Self.renderer.foldedLibrary(for: values) != nil) == (page != .privacy), "\(page) \(language)")
                let folded = try #require(Self.renderer.renderBytes(page.template, context: values))
                let written = try #require(Self.renderer.renderBytesUnfolded(page.template, context: values))
                #expect(folded == written, "\(page) \(language)")
                #expect(F.site.renderBytes(page: page, language: language, context: context) == written)
            }
        }
    }

    /// A table equal in content but built anew, or changed after folding, is read as written: its own texts show.
    @Test func onlyTheVeryTableFoldedInIsRenderedFolded() throws {
        let values = F.site.values(page: .account, language: .en, context: PageContext(signedIn: true))
        var root = values.members
        var table = Strings.templateValue(for: .en).members
        let heading = try #require(table["account_heading"])
        table["account_heading"] = "Changed <heading>"
        root["t"] = .object(table)
        let changed = TemplateValue.object(root)
        #expect(Self.renderer.foldedLibrary(for: changed) == nil)
        let html = String(decoding: try #require(Self.renderer.renderBytes("account", context: changed)), as: UTF8.self)
        #expect(html.contains("<h1>Changed &lt;heading&gt;</h1>"))
        guard case .text(let original) = heading else { throw TestFailure("heading is no text") }
        #expect(!html.contains("<h1>\(original)</h1>"))

        root["t"] = .strings(Strings.table(for: .en))
        #expect(Self.renderer.foldedLibrary(for: .object(root)) == nil)
        #expect(Self.renderer.foldedLibrary(for: "text") == nil)
        #expect(Self.renderer.foldedLibrary(for: values) != nil)
    }

    /// The folded copies look none of the strings up (every `{{t.…}}` of the templates names a text of both tables).
    @Test func theFoldedTemplatesLookNoStringUp() throws {
        let written = try PageRenderer()
        #expect(written.foldedLibrary(for: F.site.values(page: .home, language: .de, context: PageContext())) == nil)
        for language in Language.allCases {
            let values = F.site.values(page: .account, language: language, context: PageContext(signedIn: true))
            let folded = try #require(Self.renderer.foldedLibrary(for: values))
            #expect(folded.folded?.text == "t")
            #expect(folded.lookUps(of: "t") == 0)
        }
        #expect(written.library.lookUps(of: "t") > 300)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
