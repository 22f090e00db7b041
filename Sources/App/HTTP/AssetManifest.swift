import Foundation

/// Logical names of the fingerprinted static files (`site_css`) → their public URLs
/// (`/assets/site.21264b94.css`), read once from the public folder at start-up.
///
/// A fingerprinted file is named `stem.<8 hex digits>.ext` (see `scripts/fingerprint.sh`); its logical name
/// is `stem_ext` with `-` and `.` in the stem turned into `_`. When two files share a logical name (an old
/// build left behind), the newest wins.
public struct AssetManifest: Sendable, Equatable {
    /// Logical name → URL.
    public let urls: [String: String]

    /// A manifest with the given entries.
    public init(urls: [String: String]) {
        self.urls = urls
    }

    /// Scans `directory/assets` (nothing found is an empty manifest; pages then link nothing).
    public init(publicDirectory directory: String) {
        let folder = directory + "/assets"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var best: [String: (url: String, modified: Date)] = [:]
        for name in names {
            guard let logical = Self.logicalName(of: name) else { continue }
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)
            let modified = attributes?[.modificationDate] as? Date ?? .distantPast
            if let existing = best[logical], existing.modified >= modified { continue }
            best[logical] = ("/assets/" + name, modified)
        }
        urls = best.mapValues(\.url)
    }

    /// `site.21264b94.css` → `site_css`; nil for names without a fingerprint (and for `.gz` twins).
    public static func logicalName(of file: String) -> String? {
        let parts = file.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, let ext = parts.last, ext != "gz", !ext.isEmpty else { return nil }
        let hash = parts[parts.count - 2]
        guard hash.count == 8, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        let stem = parts[0..<(parts.count - 2)].joined(separator: "_").replacingOccurrences(of: "-", with: "_")
        guard !stem.isEmpty else { return nil }
        return "\(stem)_\(ext)"
    }
}
