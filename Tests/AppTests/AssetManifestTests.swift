import Foundation
import Testing

@testable import App

@Suite struct AssetManifestTests {
    @Test(
        arguments: [
            ("site.21264b94.css", "site_css"), ("configurator.0123abcd.js", "configurator_js"),
            ("inter-latin.89abcdef.woff2", "inter_latin_woff2"), ("site.css", nil), ("site.21264b94.css.gz", nil),
            ("site.2126XB94.css", nil), ("site.21264B94.css", nil), (".21264b94.css", nil),
        ] as [(String, String?)])
    func logicalNames(file: String, expected: String?) {
        #expect(AssetManifest.logicalName(of: file) == expected)
    }

    @Test func scansTheAssetsFolder() throws {
        let folder = NSTemporaryDirectory() + "cz-assets-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder + "/assets", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["site.0123abcd.css", "site.0123abcd.css.gz", "app.fedcba98.js", "readme.txt"] {
            _ = FileManager.default.createFile(atPath: folder + "/assets/" + name, contents: Data("x".utf8))
        }
        let manifest = AssetManifest(publicDirectory: folder)
        #expect(manifest.urls == ["site_css": "/assets/site.0123abcd.css", "app_js": "/assets/app.fedcba98.js"])
        #expect(AssetManifest(publicDirectory: folder + "/missing").urls.isEmpty)
    }
}
