import Domain
import Foundation
import Testing

@testable import Pages

/// The back office carries nothing the CSP (`style-src 'self'; script-src 'self'`) would block: no `<style>`
/// element, no `style=` attribute, no inline `<script>` and no `on…=` handler, neither in a template's source
/// nor in any rendered staff page; its looks come from the fingerprinted `staff_css` asset the layout links.
@Suite struct StaffPagesCSPTests {
    /// What the CSP would refuse in `html`, as readable findings (empty when the page is clean).
    static func blockedByCSP(_ html: String) throws -> [String] {
        var findings: [String] = []
        let checks: [(String, String)] = [
            (#"<style[\s>]"#, "a <style> element"),
            (#"<[a-zA-Z][^>]*\sstyle\s*="#, "a style= attribute"),
            (#"<script(?![^>]*\ssrc\s*=)[^>]*>"#, "an inline <script>"),
            (#"<[a-zA-Z][^>]*\son[a-z]+\s*="#, "an on…= event handler"),
            (#"(?i)href\s*=\s*"\s*javascript:"#, "a javascript: URL"),
        ]
        for (pattern, finding) in checks {
            let expression = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            if let match = expression.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)) {
                findings.append("\(finding): \(html[Range(match.range, in: html)!].prefix(80))")
            }
        }
        return findings
    }

    @Test func theCheckFindsWhatTheCSPBlocks() throws {
        #expect(try Self.blockedByCSP("<head><style>p{}</style></head>").count == 1)
        #expect(try Self.blockedByCSP("<p style=\"color:red\">x</p>").count == 1)
        #expect(try Self.blockedByCSP("<script>alert(1)</script>").count == 1)
        #expect(try Self.blockedByCSP("<button onclick=\"x()\">x</button>").count == 1)
        #expect(try Self.blockedByCSP("<script src=\"/assets/a.js\" defer></script><p class=\"style\">x</p>").isEmpty)
    }

    @Test func noTemplateCarriesInlineStylesOrScripts() throws {
        let folder = StaffPagesTests.folder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }
        #expect(files.contains("layout.mustache"))
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let findings = try Self.blockedByCSP(text)
            #expect(findings.isEmpty, "\(file): \(findings)")
        }
    }

    @Test(arguments: StaffPage.allCases) func everyRenderedPageIsCleanAndLinksTheStaffStylesheet(page: StaffPage) throws
    {
        let pages = try StaffPages()
        let chart = StaffBarChart(
            title: "Revenue", bars: [.init(label: "2026-11", value: 5), .init(label: "2026-12", value: 9)])
        for language in Language.allCases {
            for verified in [false, true] {
                let html = pages.render(
                    page,
                    frame: StaffFrame(
                        language: language, path: page.path(in: language), csrfToken: "t0ken", email: "a@b.example",
                        isAdmin: true, verified: verified),
                    values: ["revenue_chart": .text(chart.svg()), "mrr_chart": .text(chart.svg()), "flash": "done"])
                let findings = try Self.blockedByCSP(html)
                #expect(findings.isEmpty, "\(page) \(language): \(findings)")
                #expect(html.contains("<link rel=\"stylesheet\" href=\"\(AssetManifest.bundled.url("staff_css"))\">"))
                #expect(html.contains("<link rel=\"stylesheet\" href=\"\(AssetManifest.bundled.url("site_css"))\">"))
            }
        }
    }
}
