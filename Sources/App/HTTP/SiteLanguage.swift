import Domain

/// The site language a path belongs to: `/de/...` → German, `/en/...` → English.
enum SiteLanguage {
    /// The language of `path`, or nil outside the two language trees.
    static func of(path: String) -> Language? {
        if path == "/de" || path.hasPrefix("/de/") { return .de }
        if path == "/en" || path.hasPrefix("/en/") { return .en }
        return nil
    }
}
