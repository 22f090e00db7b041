import Domain
import Foundation
import Postgres
import Signing
import Testing

@testable import Storage

/// A principal's look-up and its companion in one statement, in both shapes (issue #16): below the principal, a
/// list's rows do not repeat the principal's columns, and the answers are those of the other shape.
@Suite struct PrincipalCompanionTests {
    /// The purchases companion of ``PurchaseStore/listingOfBearerToken`` in the shape given.
    static func listing(_ shape: CompanionShape) -> APITokenStore.CompanionRead {
        APITokenStore.CompanionRead(
            """
            SELECT \(PurchaseStore.listingColumns) FROM purchases WHERE company_id = principal.company_id
            ORDER BY purchases.created_at DESC, purchases.id LIMIT \(PurchaseStore.listingLimit)
            """, shape: shape)
    }

    /// A registered account's bearer token and its company, with `purchases` purchases.
    static func token(
        _ fixture: AccountsFixture, _ email: String, purchases: Int
    ) throws -> (token: String, company: String) {
        let account = try fixture.register(email)
        let creation = try APITokenStore(connection: fixture.connection).create(
            name: "list", for: account.principal(method: .session), ip: nil, now: AccountsFixture.start)
        guard case .created(let issued) = creation else { throw TestFailure("token refused") }
        let company = account.company.id.rawValue
        if purchases > 0 { try NewestFirstListTests.purchases(purchases, company: company, on: fixture.connection) }
        return (issued.token, company)
    }

    @Test func aListCarriesThePrincipalOnceAboveItsRows() throws {
        let fixture = try AccountsFixture()
        let (token, company) = try Self.token(fixture, "finance@firma.de", purchases: 25)
        let rows = try fixture.connection.query(
            PurchaseStore.listingOfBearerToken.sql, [SHA256.hash(token)] as [(any PostgresBindable)?])
        #expect(rows.count == 26)
        let principalRows = try rows.filter { try !$0.isNull(try #require(rows.position(of: "principal_id"))) }
        #expect(principalRows.count == 1)
        #expect(try principalRows.first?.optionalString("principal_company_id") == company)
        #expect(try principalRows.first?.isNull("companion_row") == true)
        #expect(try principalRows.first?.optionalString("id") == nil)
        for row in rows where try !row.isNull("companion_row") {
            for column in ["principal_id", "principal_user_id", "principal_company_id", "principal_email"] {
                #expect(try row.optionalString(column) == nil, "\(column) repeated on a companion row")
            }
        }
        let expected = try NewestFirstListTests.expectedOrder(
            "purchases", company: company, limit: PurchaseStore.listingLimit, on: fixture.connection)
        let split = try #require(try PrincipalCompanion.split(rows))
        #expect(try split.principal.string("principal_company_id") == company)
        #expect(try split.companion.map { try $0.string("id") } == expected)
    }

    @Test(arguments: [0, 3, 101]) func bothShapesGiveTheSameAnswers(purchases: Int) throws {
        let fixture = try AccountsFixture()
        let (token, company) = try Self.token(fixture, "finance@firma.de", purchases: purchases)
        _ = try Self.token(fixture, "other@firma.de", purchases: 4)
        let tokens = APITokenStore(connection: fixture.connection)
        let beside = try #require(
            try tokens.resolve(token: token, now: AccountsFixture.start, alongWith: Self.listing(.besideEachRow)))
        let below = try #require(
            try tokens.resolve(token: token, now: AccountsFixture.start, alongWith: Self.listing(.belowThePrincipal)))
        #expect(beside.principal == below.principal)
        #expect(below.principal.companyID.rawValue == company)
        #expect(below.rows.count == min(purchases, PurchaseStore.listingLimit))
        #expect(try below.rows.map { try $0.string("id") } == beside.rows.map { try $0.string("id") })
        #expect(try below.rows.map { try $0.int("amount_cents") } == beside.rows.map { try $0.int("amount_cents") })
        let unknown = "cz_" + String(repeating: "A", count: 43)
        #expect(
            try tokens.resolve(token: unknown, now: AccountsFixture.start, alongWith: Self.listing(.belowThePrincipal))
                == nil)
    }

    /// Rows are told apart by `companion_row`, not by their place: a principal's row below its companion's rows
    /// (an order UNION ALL does not promise) gives the same split.
    @Test func theRowsAreToldApartByTheirMarkerNotTheirPlace() throws {
        let fixture = try AccountsFixture()
        let rows = try fixture.connection.query(
            """
            SELECT * FROM (VALUES (NULL, 'a', true), (NULL, 'b', true), ('p', NULL, NULL::bool), (NULL, 'c', true))
                AS r (principal_id, id, companion_row)
            """)
        let split = try #require(try PrincipalCompanion.split(rows))
        #expect(try split.principal.optionalString("principal_id") == "p")
        #expect(try split.companion.map { try $0.string("id") } == ["a", "b", "c"])
        // Beside each row: every row is a companion row and the first carries the principal.
        let beside = try fixture.connection.query(
            "SELECT * FROM (VALUES ('p', 'a', true), ('p', 'b', true)) AS r (principal_id, id, companion_row)")
        let besideSplit = try #require(try PrincipalCompanion.split(beside))
        #expect(try besideSplit.principal.string("id") == "a")
        #expect(try besideSplit.companion.map { try $0.string("id") } == ["a", "b"])
        // No rows: no principal.
        #expect(try PrincipalCompanion.split(fixture.connection.query("SELECT 1 AS companion_row WHERE false")) == nil)
    }
}
