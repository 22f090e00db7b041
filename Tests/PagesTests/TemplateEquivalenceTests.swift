import Domain
import Foundation
import Mustache
import Testing

@testable import Pages

/// The site's own template compiler (``PageTemplate``) renders every page exactly as the general Mustache
/// library did, byte for byte, for each language and for the page contexts the fixtures and forms produce.
@Suite struct TemplateEquivalenceTests {
    typealias F = PagesFixtures

    /// The swift-mustache library over the same template files: the reference.
    static let reference = library("Templates")
    /// The same for the back office's templates.
    static let staffReference = library("StaffTemplates")

    static func library(_ name: String) -> MustacheLibrary {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/Pages/\(name)").standardized.path
        var library = MustacheLibrary()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for file in names where file.hasSuffix(".mustache") {
            let source = FileManager.default.contents(atPath: "\(folder)/\(file)").map {
                String(decoding: $0, as: UTF8.self)
            }
            try? library.register(source ?? "", named: String(file.dropLast(".mustache".count)))
        }
        return library
    }

    /// The value as swift-mustache reads it: dictionaries, arrays, strings, booleans, numbers; a null member stays
    /// a present `nil` (as the untyped page dictionaries held it).
    static func mustacheValue(_ value: TemplateValue) -> Any {
        switch value {
        case .text(let text): return text
        case .flag(let flag): return flag
        case .number(let number): return number
        case .list(let items): return items.map(mustacheValue)
        case .object(let members): return members.mapValues(mustacheValue)
        case .null: return String?.none as Any
        }
    }

    static func contexts(for page: Page) -> [PageContext] {
        var contexts = [F.context(for: page), PageContext(), PageContext(showConsentBanner: false)]
        contexts.append(PageContext(csrfToken: "tok<&>\"'", signedIn: true))
        if page == .configurator {
            for values in [
                ["package": "assistant_business", "country": "AT", "vat_id": "ATU12345678"],
                ["package": "assistant_starter", "country": "AT"], ["package": "nope"],
            ] {
                let form = ConfiguratorForm(values: values, catalog: F.catalog)
                contexts.append(PageContext(configurator: ConfiguratorView(catalog: F.catalog, form: form)))
            }
        }
        if page == .contact, case .invalid(let errors) = ContactForm.validate(["email": "x"]) {
            contexts.append(PageContext(form: errors))
        }
        if page == .register { contexts.append(PageContext(form: PortalForms.validateRegister(["country": "AT"]))) }
        return contexts
    }

    @Test(arguments: Page.allCases) func everyPageRendersAsTheMustacheLibraryDid(page: Page) throws {
        #expect(Self.reference.getTemplate(named: page.template) != nil, "the reference templates were not found")
        for language in Language.allCases {
            for context in Self.contexts(for: page) {
                let values = F.site.values(page: page, language: language, context: context)
                let expected = try #require(
                    Self.reference.render(Self.mustacheValue(values), withTemplate: page.template))
                let rendered = F.site.render(page: page, language: language, context: context)
                if rendered != expected {
                    let mismatch = zip(rendered.utf8, expected.utf8).prefix { $0 == $1 }.count
                    let around = String(
                        decoding: Array(expected.utf8).dropFirst(max(0, mismatch - 80)).prefix(200), as: UTF8.self)
                    let got = String(
                        decoding: Array(rendered.utf8).dropFirst(max(0, mismatch - 80)).prefix(200), as: UTF8.self)
                    Issue.record(
                        "\(page) \(language): differs at byte \(mismatch):\nexpected …\(around)…\ngot …\(got)…")
                }
            }
        }
    }

    @Test(arguments: StaffPage.allCases) func everyStaffPageRendersAsTheMustacheLibraryDid(page: StaffPage) throws {
        let pages = try StaffPages()
        for language in Language.allCases {
            for verified in [true, false] {
                let frame = StaffFrame(
                    language: language, path: page.path(in: language), csrfToken: "t0k<en>", email: "a@b.example",
                    isAdmin: verified, verified: verified)
                let values: TemplateObject = [
                    "company": ["name": "<Muster>", "operator": true], "credits": 12,
                ]
                let expected = try #require(
                    Self.staffReference.render(
                        Self.mustacheValue(pages.context(page, frame: frame, values: values)),
                        withTemplate: page.template))
                #expect(pages.render(page, frame: frame, values: values) == expected, "\(page) \(language)")
            }
        }
    }

    @Test func theStandaloneRuleAndInheritanceFollowTheSpec() throws {
        var library = TemplateLibrary()
        try library.register("<main>\n{{$body}}default{{/body}}\n</main>\n", named: "frame")
        try library.register(
            "{{<frame}}\n{{$body}}\n  {{#items}}\n  <i>{{.}}</i>\n  {{/items}}\n{{/body}}\n{{/frame}}\n", named: "page")
        try library.register("  {{> item}}\n", named: "indented")
        try library.register("a\nb\n", named: "item")
        let page = library.render("page", context: .object(["items": .list([.text("1"), .text("<2>")])]))
        #expect(
            page.map { String(decoding: $0, as: UTF8.self) } == "<main>\n  <i>1</i>\n  <i>&lt;2&gt;</i>\n\n</main>\n")
        let indented = library.render("indented", context: .null)
        #expect(indented.map { String(decoding: $0, as: UTF8.self) } == "  a\n  b\n")
        #expect(throws: TemplateSyntaxError.self) { try library.register("{{#open}}", named: "broken") }
        #expect(throws: TemplateSyntaxError.self) { try library.register("{{#a}}{{/b}}", named: "broken") }
    }
}
