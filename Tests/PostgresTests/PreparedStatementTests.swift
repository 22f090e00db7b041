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
