/// Logical asset names → fingerprinted public URLs under `/assets/` (nginx serves them immutable for a year).
///
/// After editing a file in `public/assets/`, run `scripts/fingerprint.sh` on it and update ``bundled``;
/// `AssetManifestTests` fails while a name here is stale, a file is missing, or a file is not listed.
public struct AssetManifest: Sendable, Hashable {
    /// Logical name (e.g. `site_css`) → URL (e.g. `/assets/site.1a2b3c4d.css`).
    public let urls: [String: String]

    /// A manifest with the given entries.
    public init(urls: [String: String]) {
        self.urls = urls
    }

    /// The URL of the asset `name`; traps for a name that is not in the manifest (a programmer error).
    public func url(_ name: String) -> String {
        guard let url = urls[name] else { preconditionFailure("AssetManifest: no asset named \(name)") }
        return url
    }

    /// The assets shipped in `public/assets/`.
    public static let bundled = AssetManifest(urls: [
        "site_css": "/assets/site.d072c37b.css",
        "configurator_js": "/assets/configurator.0dbc4b84.js",
        "consent_js": "/assets/consent.6afee9f1.js",
        "staff_css": "/assets/staff.85e5b87f.css",
    ])
}
