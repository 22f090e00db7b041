import TestSupport
import Testing

@testable import Postgres

/// Statements are prepared once per connection and then only executed.
@Suite struct PreparedStatementTests {
    @Test func repeatedStatementsArePreparedOnce() throws {
        let connection = try TestDatabase.make().connect()
        for value in 1...5 {
            #expect(try connection.query("SELECT \(value) + 1 AS n")[0].int("n") == value + 1)
        }
        #expect(connection.statements.count == 1)
        let prepared = try connection.query("SELECT count(*) AS n FROM pg_prepared_statements")[0].int("n")
        #expect(prepared == 2)
    }

    @Test func sameTextWithOtherBindTypesIsPreparedSeparately() throws {
        let connection = try TestDatabase.make().connect()
        #expect(try connection.query("SELECT \(7)::text AS v")[0].string("v") == "7")
        #expect(try connection.query("SELECT \("seven")::text AS v")[0].string("v") == "seven")
        #expect(try connection.query("SELECT \(true)::text AS v")[0].string("v") == "true")
        #expect(connection.statements.count == 3)
    }

    /// Keys hash a sample of the text's bytes: texts of one length that differ only between the samples are
    /// still different statements, and a text built anew finds the statement prepared for an equal one.
    @Test func keysThatDifferOnlyBetweenTheHashedSamplesStayApart() throws {
        let connection = try TestDatabase.make().connect()
        // 16 samples over 293 bytes fall at 0, 19, 38, ...: the digit at byte 7 is never sampled.
        let padding = String(repeating: " ", count: 280)
        func text(_ digit: Int) -> String { "SELECT \(digit) AS n" + padding }
        let texts = (1...9).map(text)
        #expect(Set(texts.map(\.utf8.count)).count == 1)
        for (index, sql) in texts.enumerated() {
            #expect(try connection.query(sql, [])[0].int("n") == index + 1)
        }
        #expect(connection.statements.count == 9)
        var hashes = Set<Int>()
        for sql in texts { hashes.insert(StatementCache.Key(sql: sql, types: []).hashValue) }
        #expect(hashes.count == 1, "the samples do not see the digit, so the nine keys share a hash")
        // An equal text made anew (another String object) is the same key and reuses its statement.
        let rebuilt = "SELECT " + String(3) + " AS n" + String(repeating: " ", count: 280)
        #expect(StatementCache.Key(sql: rebuilt, types: []) == StatementCache.Key(sql: texts[2], types: []))
        #expect(try connection.query(rebuilt, [])[0].int("n") == 3)
        #expect(connection.statements.count == 9)
        // Other bind types are another key.
        #expect(StatementCache.Key(sql: texts[0], types: [23]) != StatementCache.Key(sql: texts[0], types: [25]))
    }

    @Test func changedTableIsPreparedAgain() throws {
        let connection = try TestDatabase.make().connect()
        try connection.execute("CREATE TABLE t (a int)")
        try connection.execute("INSERT INTO t VALUES (\(1))")
        #expect(try connection.query("SELECT * FROM t").columns == ["a"])
        try connection.execute("ALTER TABLE t ADD COLUMN b text")
        #expect(try connection.query("SELECT * FROM t").columns == ["a", "b"])
    }

    @Test func discardedStatementsArePreparedAgain() throws {
        let connection = try TestDatabase.make().connect()
        #expect(try connection.query("SELECT \(1) AS n")[0].int("n") == 1)
        try connection.executeScript("DISCARD ALL")
        #expect(try connection.query("SELECT \(2) AS n")[0].int("n") == 2)
    }

    @Test func reconnectStartsAnEmptyCache() throws {
        let connection = try TestDatabase.make().connect()
        _ = try connection.query("SELECT \(1) AS n")
        connection.close()
        #expect(try connection.query("SELECT \(2) AS n")[0].int("n") == 2)
        #expect(connection.statements.count == 1)
    }

    @Test func syntaxErrorsAreNotCached() throws {
        let connection = try TestDatabase.make().connect()
        let error = try #require(throws: PostgresError.self) { try connection.query("SELEC \(1)") }
        #expect(error.isSyntaxError)
        #expect(connection.statements.count == 0)
    }
}
