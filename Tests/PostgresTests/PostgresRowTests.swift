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
}
