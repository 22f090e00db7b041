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

    /// PostgreSQL's plan cache gives a prepared statement its generic plan (planned once) after five custom plans
    /// when the generic one is not dearer. An optional filter written `($1 IS NULL OR c = $1)` and an `OFFSET`
    /// parameter never get there: a custom plan, planned anew, on every execution. The forms `\(and:_:)` and
    /// `\(offset:)` write do get there.
    @Test func optionalFiltersAndTheFirstPageArePlannedOnce() throws {
        let connection = try TestDatabase.make().connect()
        try connection.executeScript(
            """
            CREATE TABLE listed (id bigint PRIMARY KEY, company text NOT NULL, status text NOT NULL, at bigint NOT NULL);
            CREATE INDEX listed_company ON listed (company, at DESC);
            INSERT INTO listed SELECT g, 'c' || (g % 50), CASE WHEN g % 3 = 0 THEN 'open' ELSE 'closed' END, g
            FROM generate_series(1, 5000) AS g;
            ANALYZE listed;
            """)
        let company: String? = "c7"
        let status: String? = nil
        func plans(_ query: PostgresQuery) throws -> (generic: Int, custom: Int) {
            for _ in 1...8 { #expect(try connection.query(query).count == 20) }
            let row = try connection.query(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = \(query.sql)")[0]
            return (try row.int("generic_plans"), try row.int("custom_plans"))
        }
        let either = try plans(
            """
            SELECT id FROM listed WHERE (\(company)::text IS NULL OR company = \(company))
                AND (\(status)::text IS NULL OR status = \(status)) ORDER BY at DESC LIMIT \(20)
            """)
        #expect(either.generic == 0 && either.custom == 8)
        // An OFFSET parameter: the generic plan assumes it skips a tenth of the rows but at least one, which
        // doubles its cost where a company has about one row (many companies with few invoices or support requests
        // each), so a custom plan looks cheaper on every execution.
        try connection.executeScript(
            """
            CREATE TABLE few (id bigint PRIMARY KEY, company text NOT NULL, at bigint NOT NULL);
            CREATE INDEX few_company ON few (company, at DESC);
            INSERT INTO few SELECT g, 'c' || g, g FROM generate_series(1, 5000) AS g;
            ANALYZE few;
            """)
        for (bound, generic, custom) in [(true, 0, 8), (false, 3, 5)] {
            let query: PostgresQuery =
                bound
                ? "SELECT id FROM few WHERE company = \(company) ORDER BY at DESC LIMIT \(20) OFFSET \(0)"
                : "SELECT id FROM few WHERE company = \(company) ORDER BY at DESC LIMIT \(20) \(offset: 0)"
            for _ in 1...8 { #expect(try connection.query(query).count == 1) }
            let row = try connection.query(
                "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = \(query.sql)")[0]
            #expect(try row.int("generic_plans") == generic && row.int("custom_plans") == custom, "\(query.sql)")
        }
        let written = try plans(
            """
            SELECT id FROM listed WHERE true\(and: "company = $", company)\(and: "status = $", status)
            ORDER BY at DESC LIMIT \(20) \(offset: 0)
            """)
        #expect(written.generic == 3 && written.custom == 5)
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

    /// A prepared statement's results share one set of columns (names, types, uniqueness), made once: later results
    /// take it after comparing it with their own descriptor, and read exactly what a result with its own would.
    @Test func aStatementsResultsShareTheirColumns() throws {
        let connection = try TestDatabase.make().connect()
        func listing(_ count: Int) throws -> PostgresRows {
            try connection.query(
                "SELECT g AS a, 'x' || g AS b, g::float8 / 2 AS c, 7 AS a FROM generate_series(1, \(count)) AS g")
        }
        let first = try listing(2)
        let second = try listing(3)
        #expect(first.storage.shape === second.storage.shape)
        #expect(second.columns == ["a", "b", "c", "a"])
        #expect(second.storage.columnTypes == [20, 25, 701, 23])  // g is bigint: the bound count is an int8
        #expect(!second.storage.namesAreUnique)
        for (index, row) in second.enumerated() {
            #expect(try row.int("a") == index + 1)  // the first of the two `a`s
            #expect(try row.string("b") == "x\(index + 1)")
            #expect(try row.double("c") == Double(index + 1) / 2)
            #expect(try row.int(3) == 7)
        }
        // An empty result of the statement has the same columns too.
        let empty = try listing(0)
        #expect(empty.storage.shape === first.storage.shape)
        #expect(empty.isEmpty && empty.columns == ["a", "b", "c", "a"])
        // Another statement has its own; results without a prepared statement (a full cache) make their own.
        let other = try connection.query("SELECT \(1) AS a, 'y' AS b, 0.5::float8 AS c, 7 AS d")
        #expect(other.storage.shape !== first.storage.shape)
        #expect(other.storage.namesAreUnique)
        #expect(try other[0].int("d") == 7)
    }

    /// A result takes a known set of columns only when it has exactly those: the same count, and each column the
    /// same type and name; otherwise its own are read from it.
    @Test func aResultTakesKnownColumnsOnlyWhenTheyAreItsOwn() throws {
        let connection = try TestDatabase.make().connect()
        let known = try connection.query("SELECT 1 AS id, 'n' AS name, now() AS at").storage.shape
        let cases: [(String, Bool)] = [
            ("SELECT 2 AS id, 'm' AS name, now() - interval '1 day' AS at", true),
            ("SELECT 2 AS id, 'm' AS name", false),
            ("SELECT 2 AS id, 'm' AS name, now() AS at, 3 AS more", false),
            ("SELECT 2::int8 AS id, 'm' AS name, now() AS at", false),
            ("SELECT 2 AS id, 'm' AS nam, now() AS at", false),
            ("SELECT 2 AS id, 'm' AS names, now() AS at", false),
            ("SELECT 2 AS \"ID\", 'm' AS name, now() AS at", false),
        ]
        for (sql, same) in cases {
            let storage = try connection.query(PostgresQuery(sql)).storage
            #expect(storage.hasColumns(of: known) == same, "\(sql)")
        }
        let differing = try connection.query(PostgresQuery("SELECT 2 AS id, 'm' AS nam, now() AS at"))
        #expect(differing.storage.shape !== known)
        #expect(differing.columns == ["id", "nam", "at"])
        #expect(try differing[0].string("nam") == "m")
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
