import Foundation

/// Empties nginx's page cache (`fastcgi_cache_path $CODEZERO_VAR/nginx/cache/pages`) after a catalog change
/// (job `cache.purge_pages`, enqueued by the trigger of `sql/0007_catalog_cache_purge.sql`). nginx treats a
/// removed cache file as a miss, so the next request renders the page from the current catalog.
enum PageCachePurge {
    /// The cache folder of the page cache under `varDirectory`.
    static func directory(varDirectory: String) -> String { "\(varDirectory)/nginx/cache/pages" }

    /// Removes every entry below `directory` (the folder itself stays; a missing folder is no error).
    /// Returns how many entries of the top level were removed.
    @discardableResult
    static func purge(directory: String) throws -> Int {
        let files = FileManager.default
        guard files.fileExists(atPath: directory) else { return 0 }
        var removed = 0
        for entry in try files.contentsOfDirectory(atPath: directory) {
            do {
                try files.removeItem(atPath: "\(directory)/\(entry)")
                removed += 1
            } catch CocoaError.fileNoSuchFile {
                continue  // nginx's cache manager removed it first
            }
        }
        return removed
    }
}
