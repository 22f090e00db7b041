import Foundation
import TestSupport
import Testing

@testable import Pages

/// The manifest and `public/assets/` agree: every name exists, carries its content's fingerprint, and every
/// fingerprinted file is listed (so a stale name or a forgotten rename fails here, not in a browser).
@Suite struct AssetManifestTests {
    static let publicFolder: String = {
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/") + "/public"
    }()

    static func sha256Prefix(of path: String) throws -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readToEndResumingInterrupts()
        process.waitUntilExit()
        return String(String(decoding: output, as: UTF8.self).prefix(8))
    }

    @Test func everyEntryPointsToAFileWithItsFingerprint() throws {
        var expected: [String] = []
        for (name, url) in AssetManifest.bundled.urls.sorted(by: { $0.key < $1.key }) {
            let path = Self.publicFolder + url
            #expect(FileManager.default.fileExists(atPath: path), "\(name): \(url) does not exist")
            let parts = url.split(separator: ".")
            let hash = try Self.sha256Prefix(of: path)
            #expect(parts.count >= 3 && parts[parts.count - 2] == hash, "\(name): \(url) should carry \(hash)")
            expected.append("\(name) → \(url)")
        }
        #expect(expected.count == 4)
    }

    @Test func everyAssetFileIsInTheManifest() throws {
        let listed = Set(AssetManifest.bundled.urls.values)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.publicFolder + "/assets")
        for file in files where !file.hasSuffix(".gz") {
            #expect(listed.contains("/assets/" + file), "public/assets/\(file) is not in AssetManifest.bundled")
        }
    }

    @Test func scriptsAndStylesFollowTheCSP() throws {
        for url in AssetManifest.bundled.urls.values {
            let text = try String(contentsOfFile: Self.publicFolder + url, encoding: .utf8)
            #expect(!text.contains("eval(") && !text.contains("new Function"), "\(url)")
            #expect(!text.contains("innerHTML"), "\(url) must build DOM with textContent")
            #expect(!text.contains("http://") && !text.contains("https://"), "\(url) refers to another host")
        }
    }
}
