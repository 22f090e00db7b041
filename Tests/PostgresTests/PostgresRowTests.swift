import TestSupport
import Testing

@testable import Postgres

@Suite struct PostgresRowTests {
    @Test(arguments: [
        ("SELECT 'text'::text AS v", "int", PostgresError.Code.typeMismatch),
        ("SELECT 1::int4 AS v", "string", .typeMismatch),
        ("SELECT 1::int8 AS v", "bool", .typeMismatch),
        ("SELECT true AS v", "double", .typeMismatch),
        ("SELECT 'ab'::text AS v", "bytes", .typeMismatch),
        ("SELECT NULL::text AS v", "string", .unexpectedNull),
        ("SELECT NULL::int8 AS v", "int", .unexpectedNull),
        ("SELECT 1 AS other", "int", .columnNotFound),
    ])
    func gettersThrowClearErrors(sql: String, getter: String, expected: PostgresError.Code) throws {
        let connection = try TestDatabase.make().connect()
        let row = try #require(try connection.query(PostgresQuery(sql)).first)
        let error = try #require(throws: PostgresError.self) {
            switch getter {
            case "int": _ = try row.int("v")
            case "string": _ = try row.string("v")
            case "bool": _ = try row.bool("v")
            case "double": _ = try row.double("v")
            default: _ = try row.bytes("v")
            }
        }
        #expect(error.code == expected)
        #expect(error.message?.contains("\"v\"") == true)
    }

    @Test func integersReadExactlyToTheLimitsOfInt() throws {
        let connection = try TestDatabase.make().connect()
        let rows = try connection.query(
            """
            SELECT 9223372036854775807::int8 AS max, (-9223372036854775807 - 1)::int8 AS min, 0::int2 AS zero,
                   -42::int4 AS negative, 4294967295::oid AS oid
            """)
        let row = try #require(rows.first)
        #expect(try row.int("max") == Int.max)
        #expect(try row.int("min") == Int.min)
        #expect(try row.int("zero") == 0)
        #expect(try row.int("negative") == -42)
        #expect(try row.int("oid") == 4_294_967_295)
        #expect(try row.int(3) == -42)
    }

    @Test(arguments: ["", "-", "1x", " 1", "+1", "9223372036854775808", "-9223372036854775809"])
    func malformedIntegerTextIsRefused(text: String) {
        #expect(text.withCString { PostgresRow.parseInteger($0) } == nil)
    }

    @Test func indexOutOfRangeIsColumnNotFound() throws {
        let connection = try TestDatabase.make().connect()
        let row = try #require(try connection.query("SELECT 1 AS a").first)
        #expect(throws: PostgresError.self) { try row.int(1) }
        #expect(throws: PostgresError.self) { try row.int(-1) }
    }

    @Test func stringReadsTextLikeTypes() throws {
        let connection = try TestDatabase.make().connect()
        let row = try #require(
            try connection.query(
                "SELECT 'a'::varchar AS v, 'EUR'::char(3) AS c, 12.50::numeric AS n, '{\"a\":1}'::jsonb AS j"
            ).first)
        #expect(try row.string("v") == "a")
        #expect(try row.string("c") == "EUR")
        #expect(try row.string("n") == "12.50")
        #expect(try row.string("j") == "{\"a\": 1}")
    }

    /// Look-ups by name try the column after the last one found first; whatever the order of the reads, a name finds
    /// its column, and where two columns share a name, the first one — as before the guess.
    @Test func namesFindTheirColumnsInAnyOrderAndTheFirstOfTwoEqualNames() throws {
        let connection = try TestDatabase.make().connect()
        let rows = try connection.query(
            "SELECT g AS a, g * 10 AS b, g * 100 AS c, 'x' || g AS d FROM generate_series(1, 3) AS g ORDER BY g")
        let orders: [[String]] = [["a", "b", "c", "d"], ["d", "c", "b", "a"], ["b", "d", "a", "c", "c", "b"]]
        for (index, row) in rows.enumerated() {
            for order in orders {
                for name in order {
                    let g = index + 1
                    switch name {
                    case "a": #expect(try row.int(name) == g)
                    case "b": #expect(try row.int(name) == g * 10)
                    case "c": #expect(try row.int(name) == g * 100)
                    default: #expect(try row.string(name) == "x\(g)")
                    }
                }
            }
        }
        let twice = try #require(try connection.query("SELECT 1 AS id, 'n' AS name, 2 AS id, 3 AS other").first)
        // Reading `name` makes the second `id` the next guess; the first `id` is still the one found.
        #expect(try twice.string("name") == "n")
        #expect(try twice.int("id") == 1)
        #expect(try twice.int("other") == 3)
        #expect(try twice.int(2) == 2)
        #expect(throws: PostgresError.self) { try twice.int("missing") }
    }

    /// Floats are parsed where libpq keeps them: the same values as `Double(String)` for every text PostgreSQL writes
    /// (shortest round-trip digits, exponents, the three special values) and for text it never writes.
    @Test func floatsParseAsDoubleFromStringParsesThem() throws {
        var texts = [
            "Infinity", "-Infinity", "NaN", "0", "-0", "1e+300", "1.5e-07", "-2.2250738585072014e-308", "4.9e-324",
            "1796669112.032971", "", " 1", "1 ", "1,5", "1.5x", "0x1p3", "inf", "+1", "1e", "-",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            texts.append(value.isNaN ? "NaN" : "\(value)")
            texts.append(String(Double.random(in: -1e7...1e10)))
        }
        let connection = try TestDatabase.make().connect()
        for row in try connection.query(
            "SELECT x::text AS t FROM unnest(ARRAY[0.1, 1e-5, 123456789.125, -1.5e300, 'NaN', '-Infinity']::float8[]) x"
        ) {
            texts.append(try row.string("t"))
        }
        for text in texts {
            let parsed = text.withCString { PostgresRow.parseDouble($0) }
            let expected = Double(text)
            #expect(
                parsed?.bitPattern == expected?.bitPattern || (parsed?.isNaN == true && expected?.isNaN == true),
                "\(text): \(String(describing: parsed)) against \(String(describing: expected))")
        }
        let row = try #require(try connection.query("SELECT 1796669112.032971::float8 AS e, NULL::float8 AS n").first)
        #expect(try row.double("e") == 1_796_669_112.032971)
        #expect(try row.optionalDouble("n") == nil)
    }
}
