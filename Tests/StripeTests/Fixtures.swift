import Foundation
import Web

/// Files copied from `shared/stripe/` into `Tests/StripeTests/Fixtures`, loaded by path.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    static func json(_ name: String) throws -> JSON {
        try JSON.parse(try bytes(name))
    }

    /// The file names under `events/`.
    static func eventFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("events").path)
            .filter { $0.hasSuffix(".json") }.sorted().map { "events/" + $0 }
    }
}
