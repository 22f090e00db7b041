import TestSupport
import Testing

@testable import Postgres

@Suite struct RoundTripTests {
    @Test func everyBindableTypeRoundTrips() throws {
        let connection = try TestDatabase.make().connect()
        let bytes: [UInt8] = [0, 1, 2, 0x7f, 0x80, 0xfe, 0xff]
        let rows = try connection.query(
            """
            SELECT \("Grüße, 世界 🎉") AS text, \(Int.max) AS big, \(Int64.min) AS small, \(Int32(-42)) AS int4,
                   \(true) AS yes, \(false) AS no, \(3.25) AS float, \(bytes) AS bytes, \([UInt8]()) AS empty,
                   \(nil as String?) AS nothing, \(Optional(7)) AS some
            """)
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(try row.string("text") == "Grüße, 世界 🎉")
        #expect(try row.int("big") == Int.max)
        #expect(try row.int("small") == Int(Int64.min))
        #expect(try row.int("int4") == -42)
        #expect(try row.bool("yes") == true)
        #expect(try row.bool("no") == false)
        #expect(try row.double("float") == 3.25)
        #expect(try row.bytes("bytes") == bytes)
        #expect(try row.bytes("empty") == [])
        #expect(try row.optionalString("nothing") == nil)
        #expect(try row.isNull("nothing"))
        #expect(try row.optionalInt("some") == 7)
    }

    @Test func storedValuesComeBackThroughATable() throws {
        let connection = try TestDatabase.make().connect()
        try connection.execute(
            """
            CREATE TABLE items (id text PRIMARY KEY, cents bigint NOT NULL, note text, data bytea,
                                ratio float8, flag bool, code char(3), made timestamptz DEFAULT now())
            """)
        let injection = "x'); DROP TABLE items; --"
        let inserted = try connection.execute(
            "INSERT INTO items (id, cents, note, data, ratio, flag, code) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            [injection, 1299, nil, [0xde, 0xad] as [UInt8], 0.5, true, "EUR"])
        #expect(inserted == 1)
        let rows = try connection.query("SELECT * FROM items WHERE id = \(injection)")
        let row = try #require(rows.first)
        #expect(try row.string("id") == injection)
        #expect(try row.int("cents") == 1299)
        #expect(try row.optionalString("note") == nil)
        #expect(try row.bytes("data") == [0xde, 0xad])
        #expect(try row.double("ratio") == 0.5)
        #expect(try row.bool("flag"))
        #expect(try row.string("code") == "EUR")
        #expect(try !row.string("made").isEmpty)
        #expect(try connection.query("SELECT count(*) AS n FROM items")[0].int("n") == 1)
    }

    @Test func rowsIterateInOrderAndByIndex() throws {
        let connection = try TestDatabase.make().connect()
        let rows = try connection.query("SELECT n, 'row ' || n AS label FROM generate_series(1, \(3)) AS n")
        #expect(rows.columns == ["n", "label"])
        #expect(rows.count == 3)
        #expect(rows.commandTag == "SELECT 3")
        var seen: [Int] = []
        for row in rows { seen.append(try row.int(0)) }
        #expect(seen == [1, 2, 3])
        #expect(try rows[2].string(1) == "row 3")
        #expect(try connection.query("SELECT 1 WHERE false").isEmpty)
    }

    @Test func executeCountsAffectedRows() throws {
        let connection = try TestDatabase.make().connect()
        try connection.execute("CREATE TABLE t (n int)")
        #expect(try connection.execute("INSERT INTO t SELECT generate_series(1, 10)") == 10)
        #expect(try connection.execute("UPDATE t SET n = n + 1 WHERE n > \(5)") == 5)
        #expect(try connection.execute("DELETE FROM t") == 10)
    }

    @Test func scriptsRunSeveralStatements() throws {
        let connection = try TestDatabase.make().connect()
        try connection.executeScript("CREATE TABLE a (n int); INSERT INTO a VALUES (1), (2); CREATE TABLE b (n int);")
        #expect(try connection.query("SELECT count(*) AS n FROM a")[0].int("n") == 2)
    }

    @Test func sessionSpeaksUTF8() throws {
        let connection = try TestDatabase.make().connect()
        #expect(try connection.query("SHOW client_encoding")[0].string(0) == "UTF8")
        #expect(try connection.query("SELECT length(\("äöü€😀")) AS n")[0].int("n") == 5)
    }

    @Test func stringWithNulCharacterIsRefusedNotTruncated() throws {
        let connection = try TestDatabase.make().connect()
        let error = try #require(throws: PostgresError.self) { try connection.query("SELECT \("a\u{0}b")") }
        #expect(error.code == .invalidParameter)
    }
}
