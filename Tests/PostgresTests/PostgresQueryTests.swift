import Testing

@testable import Postgres

@Suite struct PostgresQueryTests {
    @Test func interpolatedValuesBecomeNumberedBinds() {
        let id = "credits_1"
        let limit = 5
        let active: Bool? = nil
        let query: PostgresQuery = "SELECT * FROM t WHERE id = \(id) AND active = \(active) LIMIT \(limit)"
        #expect(query.sql == "SELECT * FROM t WHERE id = $1 AND active = $2 LIMIT $3")
        #expect(
            query.binds == [
                PostgresBind(text: "credits_1", typeOID: 0), .null, PostgresBind(text: "5", typeOID: 20),
            ])
    }

    @Test func injectionAttemptStaysAValue() {
        let evil = "x'; DROP TABLE users; --"
        let query: PostgresQuery = "SELECT \(evil)"
        #expect(query.sql == "SELECT $1")
        #expect(query.binds.first?.text == evil)
    }

    @Test func unescapedAndIdentifierFragments() {
        let query: PostgresQuery = "SELECT \(unescaped: "count(*)") FROM \(identifier: "we\"ird") WHERE a = \(1)"
        #expect(query.sql == "SELECT count(*) FROM \"we\"\"ird\" WHERE a = $1")
        #expect(query.binds.count == 1)
    }

    @Test func optionalFiltersAppearOnlyWithAValue() {
        let company: String? = "c1"
        let status: String? = nil
        let before: Int? = 42
        let query: PostgresQuery = """
            SELECT * FROM t WHERE true\(and: "company_id = $::uuid", company)\(and: "status = $", status)\
            \(and: "id < $::bigint", before) LIMIT \(10) \(offset: 0)
            """
        #expect(query.sql == "SELECT * FROM t WHERE true AND company_id = $1::uuid AND id < $2::bigint LIMIT $3 ")
        #expect(
            query.binds == [
                PostgresBind(text: "c1", typeOID: 0), PostgresBind(text: "42", typeOID: 20), 10.postgresBind,
            ])
        let none: PostgresQuery = "SELECT 1 WHERE true\(and: "a = $", status)"
        #expect(none.sql == "SELECT 1 WHERE true" && none.binds.isEmpty)
    }

    @Test func anOffsetIsABindOnlyWhenPositive() {
        let paged: PostgresQuery = "SELECT 1 LIMIT \(50) \(offset: 100)"
        #expect(paged.sql == "SELECT 1 LIMIT $1 OFFSET $2")
        #expect(paged.binds == [50.postgresBind, 100.postgresBind])
        for offset in [0, -3] {
            let first: PostgresQuery = "SELECT 1 LIMIT \(50) \(offset: offset)"
            #expect(first.sql == "SELECT 1 LIMIT $1 " && first.binds == [50.postgresBind])
        }
    }

    @Test func explicitFormMapsNilToNull() {
        let missing: String? = nil
        let query = PostgresQuery("INSERT INTO t VALUES ($1, $2, $3, $4)", ["a", nil, missing, Int32(7)])
        #expect(
            query.binds == [
                PostgresBind(text: "a", typeOID: 0), .null, .null, PostgresBind(text: "7", typeOID: 23),
            ])
    }

    @Test(arguments: [
        (1.5, "1.5"), (-0.1, "-0.1"), (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"),
        (Double.nan, "NaN"), (1e300, "1e+300"),
    ])
    func doublesUseRoundTrippingText(value: Double, text: String) {
        #expect(value.postgresBind == PostgresBind(text: text, typeOID: 701))
    }

    @Test func bytesUseHexFormat() {
        #expect(([0x00, 0x0f, 0xff] as [UInt8]).postgresBind == PostgresBind(text: "\\x000fff", typeOID: 17))
        #expect(([] as [UInt8]).postgresBind.text == "\\x")
    }

    @Test func hexDecodingRejectsMalformedText() {
        for (text, expected) in [("\\x00ff", [0x00, 0xff] as [UInt8]?), ("\\x0", nil), ("00ff", nil), ("\\xzz", nil)] {
            let decoded = text.withCString { PostgresRow.decodeHex($0, length: text.utf8.count) }
            #expect(decoded == expected, "\(text)")
        }
    }
}
