import Domain
import Foundation
import Postgres
import Signing
import Storage
import Testing

@Suite struct APITokenStoreTests {
    static let t0 = AccountsFixture.start

    static func created(_ creation: APITokenCreation) throws -> IssuedAPIToken {
        guard case .created(let token) = creation else { throw TestFailure("token refused") }
        return token
    }

    @Test func lifecycleShownOnceHashedUsedRevoked() throws {
        let fixture = try AccountsFixture()
        let account = try fixture.register("dev@firma.de")
        let principal = account.principal(method: .session)
        let store = APITokenStore(connection: fixture.connection)
        let issued = try Self.created(try store.create(name: " CI deploy ", for: principal, ip: "::1", now: Self.t0))
        #expect(issued.token.hasPrefix("cz_") && issued.token.utf8.count == 46)
        #expect(issued.summary.name == "CI deploy")
        #expect(issued.summary.prefix == String(issued.token.prefix(9)))
        #expect(issued.summary.lastUsedAt == nil)

        // Hashed at rest: the raw token appears nowhere in the database.
        let dump = try fixture.connection.query(
            """
            SELECT string_agg(t::text, ' ') AS everything FROM (
                SELECT row_to_json(x)::text AS t FROM api_tokens x
                UNION ALL SELECT row_to_json(a)::text FROM audit_log a
                UNION ALL SELECT row_to_json(s)::text FROM sessions s) all_rows
            """)[0].string("everything")
        #expect(!dump.contains(issued.token))
        #expect(!dump.contains(String(issued.token.dropFirst(3))))
        #expect(
            try fixture.connection.query("SELECT token_hash FROM api_tokens")[0].bytes("token_hash")
                == SHA256.hash(issued.token))

        // The list never carries the secret.
        let listed = try store.list(for: principal)
        #expect(listed == [issued.summary])

        // Use resolves to the principal (no CSRF needed) and records last use.
        let used = try #require(try store.resolve(token: issued.token, now: Self.t0.addingTimeInterval(10)))
        #expect(used.userID == account.user.id && used.companyID == account.company.id && used.role == .client)
        #expect(used.method == .apiToken && !used.method.requiresCSRFToken && used.tokenID == issued.summary.id)
        #expect(try store.list(for: principal).first?.lastUsedAt == Self.t0.addingTimeInterval(10))
        _ = try store.resolve(token: issued.token, now: Self.t0.addingTimeInterval(30))
        #expect(try store.list(for: principal).first?.lastUsedAt == Self.t0.addingTimeInterval(10))
        _ = try store.resolve(token: issued.token, now: Self.t0.addingTimeInterval(100))
        #expect(try store.list(for: principal).first?.lastUsedAt == Self.t0.addingTimeInterval(100))

        // Revoked tokens are refused.
        #expect(try store.revoke(id: issued.summary.id, by: principal, ip: "::1", now: Self.t0.addingTimeInterval(200)))
        #expect(try store.resolve(token: issued.token, now: Self.t0.addingTimeInterval(201)) == nil)
        #expect(!(try store.revoke(id: issued.summary.id, by: principal, ip: nil, now: Self.t0)))
        #expect(try store.list(for: principal).first?.revokedAt == Self.t0.addingTimeInterval(200))

        let created = try fixture.audit(.tokenCreate)
        #expect(created.count == 1 && created[0].entry.target == issued.summary.id)
        #expect(created[0].entry.actor == account.user.id && created[0].entry.companyID == account.company.id)
        #expect(try fixture.audit(.tokenRevoke).map(\.entry.outcome) == [.success, .failure])
    }

    @Test func anotherCompanysTokenIsNotFound() throws {
        let fixture = try AccountsFixture()
        let owner = try fixture.register("a@eins.de").principal(method: .session)
        let intruder = try fixture.register("b@zwei.de").principal(method: .session)
        let store = APITokenStore(connection: fixture.connection)
        let issued = try Self.created(try store.create(name: "mine", for: owner, ip: nil, now: Self.t0))
        #expect(try store.list(for: intruder).isEmpty)
        #expect(!(try store.revoke(id: issued.summary.id, by: intruder, ip: "198.51.100.9", now: Self.t0)))
        #expect(!(try store.revoke(id: "not-a-uuid", by: intruder, ip: nil, now: Self.t0)))
        #expect(try store.resolve(token: issued.token, now: Self.t0) != nil)
        let attempt = try fixture.audit(.tokenRevoke)
        #expect(attempt.first?.entry.outcome == .failure && attempt.first?.entry.actor == intruder.userID)
    }

    @Test(arguments: ["", "   ", String(repeating: "n", count: 101)])
    func badNamesAreRefused(name: String) throws {
        let fixture = try AccountsFixture()
        let principal = try fixture.register("a@eins.de").principal(method: .session)
        #expect(
            try APITokenStore(connection: fixture.connection).create(name: name, for: principal, ip: nil, now: Self.t0)
                == .invalidName)
        #expect(try fixture.count("api_tokens") == 0)
    }

    @Test(
        arguments: [
            ("Bearer cz_abc", "cz_abc"), ("bearer cz_abc", "cz_abc"), ("BEARER  cz_abc", "cz_abc"), ("Basic abc", nil),
            ("Bearer", nil), ("Bearer a b", nil), ("", nil), ("  Bearer cz_abc  ", "cz_abc"), ("BeArEr cz_ü", "cz_ü"),
            ("Bearerx cz_abc", nil), ("Beare cz_abc", nil), ("bEARER\tcz_abc", nil), (" ", nil), ("B\u{0}arer x", nil),
        ] as [(String, String?)])
    func parsesTheAuthorizationHeader(header: String, token: String?) {
        #expect(APITokenStore.bearerToken(fromAuthorization: header) == token)
    }

    @Test func malformedBearerTokensAreNotLookedUp() throws {
        let fixture = try AccountsFixture()
        let store = APITokenStore(connection: fixture.connection)
        for token in [
            "", "cz_", "cz_short", "xx_" + String(repeating: "a", count: 43), "cz_" + String(repeating: "!", count: 43),
        ] {
            #expect(try store.resolve(token: token, now: Self.t0) == nil)
        }
    }
}
