import Foundation
import Testing

/// SQL lives next to the store that runs it (STYLE.md "SQL next to its store", issue 9 item 1): no SQL statement
/// text under `Sources/App`, `Sources/Pages`, `Sources/Web` or `Sources/Domain` — use cases call named methods of
/// the stores in `Sources/Storage` (or `Jobs`, `Postgres`, `DevelopmentCluster`, which own their tables and
/// cluster). Comment lines are not scanned.
@Suite struct SQLPlacementTests {
    /// The folders (relative to `Sources/`) that must hold no SQL.
    static let sqlFree = ["App/", "Pages/", "Web/", "Domain/"]

    /// A statement's opening words as the code writes them (upper-case keywords, lower-case names), and a query
    /// run from a string literal.
    static let statement =
        #"\b(SELECT|INSERT INTO|DELETE FROM|TRUNCATE)\b|\bUPDATE [a-z_]+( [a-z]+)? SET\b|\bWITH [a-z_]+ AS \(|\b(connection|db|database|transaction|conn)\.(query|execute)\(\s*""#

    @Test func noSQLOutsideTheStores() throws {
        let files = OneCopyTests.swiftFiles()
        #expect(files.count > 300, "Sources not found at \(OneCopyTests.sources.path)")
        var scanned = 0
        for file in files where Self.sqlFree.contains(where: { file.hasPrefix($0) }) {
            let text = try String(contentsOf: OneCopyTests.sources.appending(path: file), encoding: .utf8)
            let lines = try OneCopyTests.matches(of: Self.statement, in: text)
            #expect(lines.isEmpty, "\(file) has SQL; move it into the store of its table: \(lines)")
            scanned += 1
        }
        #expect(scanned > 200)
    }

    @Test(arguments: [
        ("SELECT count(*)::int AS n FROM subscription_setups", 1),
        ("    UPDATE mail_outbox SET status = 'QUEUED'", 1),
        ("UPDATE memberships m SET role = $1", 1),
        ("INSERT INTO users (email) VALUES ($1)", 1),
        ("DELETE FROM sessions WHERE id = $1", 1),
        ("WITH due AS (SELECT 1)", 1),
        (#"let rows = try connection.query("SELECT 1")"#, 1),
        (#"try db.execute(""#, 1),
        ("let value = context.request.query(\"status\")", 0),
        (#"try context.services.database.query("SELECT 1")"#, 1),
        ("/// SELECT is documented here", 0),
        ("<select name=\"country\">", 0),
        ("Please select an UPDATE of your plan", 0),
    ])
    func thePatternFindsStatements(_ line: String, _ expected: Int) throws {
        #expect(try OneCopyTests.matches(of: Self.statement, in: line).count == expected)
    }
}
