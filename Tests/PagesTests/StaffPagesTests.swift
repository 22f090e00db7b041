import Domain
import Foundation
import Testing

@testable import Pages

/// The back office's templates and words (issue 13): both languages complete, every `{{s.key}}` defined,
/// every page renders with noindex and its title.
@Suite struct StaffPagesTests {
    static let folder: String = {
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/") + "/Sources/Pages/StaffTemplates"
    }()

    @Test func bothLanguagesHaveTheSameKeysAndNoEmptyText() {
        let german = StaffStrings.table(for: .de)
        let english = StaffStrings.table(for: .en)
        #expect(Set(german.keys) == Set(english.keys))
        #expect(german.values.allSatisfy { !$0.isEmpty } && english.values.allSatisfy { !$0.isEmpty })
        for page in StaffPage.allCases { #expect(german[page.titleKey] != nil, "\(page)") }
    }

    @Test func templatesUseOnlyDefinedKeys() throws {
        let pattern = try NSRegularExpression(pattern: #"\{\{[#^/]?\s*s\.([a-z0-9_]+)\s*\}\}"#)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter {
            $0.hasSuffix(".mustache")
        }
        #expect(files.count >= 8)
        for file in files {
            let text = try String(contentsOfFile: Self.folder + "/" + file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(match.range(at: 1), in: text)!])
                #expect(StaffStrings.table(for: .de)[key] != nil, "\(file): \(key)")
            }
        }
    }

    @Test(arguments: StaffPage.allCases) func everyPageRendersInBothLanguages(page: StaffPage) throws {
        let pages = try StaffPages()
        for language in Language.allCases {
            let html = pages.render(
                page,
                frame: StaffFrame(
                    language: language, path: page.path(in: language), csrfToken: "t0ken", email: "a@b.example",
                    isAdmin: true, verified: true),
                values: ["company": ["name": "<Muster>"]])
            #expect(html.contains("<html lang=\"\(language.rawValue)\">"))
            #expect(html.contains("noindex"))
            #expect(html.contains(StaffStrings.text(page.titleKey, language)))
            #expect(!html.contains("<Muster>"), "escaped")
            #expect(html.contains("name=\"csrf_token\" value=\"t0ken\""), "the sign-out form carries the token")
        }
    }

    @Test func languageOfPaths() {
        #expect(StaffPage.language(ofPath: "/admin/en/incidents") == .en)
        #expect(StaffPage.language(ofPath: "/admin/de") == .de)
        #expect(StaffPage.language(ofPath: "/administrator") == nil)
    }
}
