import Domain
import Foundation
import Postgres
import Signing
import Storage
import Testing

@Suite struct SessionStoreTests {
    static let t0 = AccountsFixture.start

    static func make() throws -> (AccountsFixture, SessionStore, Account) {
        let fixture = try AccountsFixture()
        let account = try fixture.register("owner@firma.de")
        return (fixture, SessionStore(connection: fixture.connection), account)
    }

    static func create(_ store: SessionStore, _ account: Account, at now: Date = t0) throws -> IssuedSession {
        try store.create(userID: account.user.id, companyID: account.company.id, ip: "::1", userAgent: "test", now: now)
    }

    @Test func theTokenIsStrongAndOnlyItsHashIsStored() throws {
        let (fixture, store, account) = try Self.make()
        let session = try Self.create(store, account)
        #expect(session.token.utf8.count == 43)  // 256 bits, base64url
        #expect(session.expiresAt == Self.t0.addingTimeInterval(43_200))
        #expect(session.setCookieHeader.hasPrefix("__Host-codezero_session=\(session.token); Path=/;"))
        #expect(session.setCookieHeader.contains("Secure; HttpOnly; SameSite=Lax"))
        let row = try fixture.connection.query("SELECT id, row_to_json(s)::text AS everything FROM sessions s")[0]
        #expect(try row.bytes("id") == SHA256.hash(session.token))
        #expect(!(try row.string("everything")).contains(session.token))
        #expect(!(try row.string("everything")).contains(session.csrfToken))
        let other = try Self.create(store, account)
        #expect(other.token != session.token && other.csrfToken != session.csrfToken)
    }

    @Test func resolvesToThePrincipalWithTheCurrentRole() throws {
        let (_, store, account) = try Self.make()
        let session = try Self.create(store, account)
        let active = try #require(try store.resolve(token: session.token, now: Self.t0.addingTimeInterval(5)))
        #expect(active.principal == account.principal(method: .session))
        #expect(active.csrfToken == session.csrfToken)
        // Another first character (a token starting with "x" must not be "changed" into itself: 1 run in 64).
        let altered = (session.token.first == "x" ? "y" : "x") + session.token.dropFirst()
        #expect(try store.resolve(token: altered, now: Self.t0) == nil)
        #expect(try store.resolve(token: "short", now: Self.t0) == nil)
        #expect(try store.resolve(token: "", now: Self.t0) == nil)
    }

    /// (seconds between login and each request, whether the last still resolves)
    @Test(arguments: [
        ([1799], true), ([1800], false), ([1000, 2000, 3000], true), ([1000, 2900], false),
        (Array(stride(from: 1700, through: 43_199, by: 1700)), true),
        (Array(stride(from: 1700, through: 43_200, by: 1700)) + [43_200], false),
    ])
    func idleAndAbsoluteTimeoutsApply(requests: [Int], lastResolves: Bool) throws {
        let (_, store, account) = try Self.make()
        let session = try Self.create(store, account)
        var resolved = true
        for offset in requests {
            resolved = try store.resolve(token: session.token, now: Self.t0.addingTimeInterval(Double(offset))) != nil
        }
        #expect(resolved == lastResolves)
    }

    @Test func lastSeenIsWrittenAtMostOncePerMinute() throws {
        let (fixture, store, account) = try Self.make()
        let session = try Self.create(store, account)
        func lastSeen() throws -> Double {
            try fixture.connection.query("SELECT extract(epoch FROM last_seen_at)::float8 AS t FROM sessions")[0]
                .double("t")
        }
        _ = try store.resolve(token: session.token, now: Self.t0.addingTimeInterval(30))
        #expect(try lastSeen() == Self.t0.timeIntervalSince1970)
        _ = try store.resolve(token: session.token, now: Self.t0.addingTimeInterval(61))
        #expect(try lastSeen() == Self.t0.timeIntervalSince1970 + 61)
    }

    @Test func logoutAndLogoutEverywhereRevokeOnTheServer() throws {
        let (fixture, store, account) = try Self.make()
        let other = try fixture.register("other@zwei.de")
        let first = try Self.create(store, account)
        let second = try Self.create(store, account)
        let third = try Self.create(store, account)
        let foreign = try Self.create(store, other)
        #expect(try store.revoke(token: first.token, now: Self.t0))
        #expect(!(try store.revoke(token: first.token, now: Self.t0)))
        #expect(try store.resolve(token: first.token, now: Self.t0) == nil)
        #expect(try store.resolve(token: second.token, now: Self.t0) != nil)
        #expect(try store.revokeAll(of: account.user.id, now: Self.t0) == 2)
        #expect(try store.resolve(token: second.token, now: Self.t0) == nil)
        #expect(try store.resolve(token: third.token, now: Self.t0) == nil)
        #expect(try store.resolve(token: foreign.token, now: Self.t0) != nil)
        #expect(try store.prune(before: Self.t0.addingTimeInterval(1)) == 3)
        #expect(try fixture.count("sessions") == 1)
    }

    @Test func csrfTokensAreCheckedPerSession() throws {
        let (_, store, account) = try Self.make()
        let session = try Self.create(store, account)
        let other = try Self.create(store, account)
        let active = try #require(try store.resolve(token: session.token, now: Self.t0))
        #expect(active.acceptsCSRFToken(session.csrfToken))
        #expect(!active.acceptsCSRFToken(nil))
        #expect(!active.acceptsCSRFToken(""))
        #expect(!active.acceptsCSRFToken(other.csrfToken))
        #expect(!active.acceptsCSRFToken(session.token))
        #expect(!active.acceptsCSRFToken(String(session.csrfToken.dropLast())))
        #expect(SessionStore.csrfToken(forSessionToken: session.token) == session.csrfToken)
    }
}
