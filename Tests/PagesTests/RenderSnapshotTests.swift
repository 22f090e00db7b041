import Domain
import Foundation
import Testing

@testable import Pages

/// Every page and back-office page renders byte for byte as it did before the render path was optimised (issue
/// #16): a 64-bit FNV-1a digest per page, language and fixture context, compared with `Snapshots/pages.txt`.
/// After an intended change of a page, record the digests again with `CODEZERO_RECORD_SNAPSHOTS=1` and review the
/// page's diff in the same commit.
@Suite struct RenderSnapshotTests {
    typealias F = PagesFixtures

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots/pages.txt").path

    /// FNV-1a over the bytes: not cryptographic, it only has to notice any change.
    static func digest(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// One line per rendering: `<name> <digest> <byte count>`.
    static func lines() throws -> [String] {
        var lines: [String] = []
        for page in Page.allCases {
            for language in Language.allCases {
                for (index, context) in TemplateEquivalenceTests.contexts(for: page).enumerated() {
                    let bytes = F.site.renderBytes(page: page, language: language, context: context)
                    lines.append("site.\(page.key).\(language.rawValue).\(index) \(digest(bytes)) \(bytes.count)")
                }
            }
        }
        let staff = try StaffPages()
        for page in StaffPage.allCases {
            for language in Language.allCases {
                for verified in [true, false] {
                    let frame = StaffFrame(
                        language: language, path: page.path(in: language), csrfToken: "t0k<en>",
                        email: "a@b.example", isAdmin: verified, verified: verified)
                    let values: TemplateObject = [
                        "company": ["name": "<Muster>", "operator": true], "credits": 12,
                    ]
                    let text = staff.render(page, frame: frame, values: values)
                    lines.append(
                        "staff.\(page.template).\(language.rawValue).\(verified) \(digest(text.utf8)) \(text.utf8.count)"
                    )
                }
            }
        }
        return lines
    }

    @Test func everyPageRendersTheBytesItRenderedBefore() throws {
        let current = try Self.lines()
        if ProcessInfo.processInfo.environment["CODEZERO_RECORD_SNAPSHOTS"] == "1" {
            try (current.joined(separator: "\n") + "\n").write(toFile: Self.file, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOfFile: Self.file, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(current.count == recorded.count, "the number of renderings changed")
        for (now, before) in zip(current, recorded) where now != before {
            Issue.record("rendering changed: was \(before), is \(now)")
        }
    }
}
