import Foundation
import Testing

/// Pages render from typed view models (issue #9 item 9, issue #16 goal 2): no untyped value bags, no reflection
/// and no Foundation formatters on the render path — in the page code and in the routes that fill the pages.
/// (`TemplateValue` has no initialiser from `Any`, so a bag cannot reach the renderer; this scan keeps the bags
/// from coming back in the code around it.)
@Suite struct TypedViewModelTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized.path

    static let folders = ["Sources/Pages", "Sources/App/Routes", "Sources/App/Site"]

    static let forbidden = [
        "[String: Any]", "[[String: Any]]", "[Any]", "converting:", "Mirror(", "DateFormatter", "NumberFormatter",
        "String(format:",
    ]

    static func swiftFiles(in folder: String) -> [String] {
        let path = "\(root)/\(folder)"
        guard let walker = FileManager.default.enumerator(atPath: path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map { "\(path)/\($0)" }
    }

    @Test(arguments: folders) func noUntypedValuesOrFormattersIn(folder: String) throws {
        let files = Self.swiftFiles(in: folder)
        #expect(files.count > 5, "\(folder) was not found from \(Self.root)")
        for file in files {
            let text = String(decoding: try #require(FileManager.default.contents(atPath: file)), as: UTF8.self)
            for pattern in Self.forbidden where text.contains(pattern) {
                Issue.record("\(file) contains \(pattern): build the page's values with typed TemplateValue code")
            }
        }
    }
}
