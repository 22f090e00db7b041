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

/// A session's look-up with a companion read in the same statement (the portal's company and credits, issue #16):
/// it resolves exactly when the look-up alone does, to the same session, and the companion sees only the session's
/// own company.
@Suite struct SessionCompanionTests {
    static let t0 = AccountsFixture.start

    @Test func theAccountComesWithTheSessionAndOnlyForItsCompany() throws {
        let fixture = try AccountsFixture()
        let store = SessionStore(connection: fixture.connection)
        let anna = try fixture.register("anna@eins.de")
        let bob = try fixture.register("bob@zwei.de")
        try fixture.connection.transaction { db in
            let ledger = CreditLedger(connection: db)
            _ = try ledger.adjust(companyID: anna.company.id.rawValue, delta: 250, note: "start")
            _ = try ledger.adjust(companyID: anna.company.id.rawValue, delta: -40, note: "used")
            _ = try ledger.adjust(companyID: bob.company.id.rawValue, delta: 7, note: "start")
        }
        let annas = try SessionStoreTests.create(store, anna)
        let bobs = try SessionStoreTests.create(store, bob)
        for (issued, account, credits) in [(annas, anna, 210), (bobs, bob, 7)] {
            let alone = try #require(try store.resolve(token: issued.token, now: Self.t0))
            let (session, rows) = try #require(
                try store.resolve(token: issued.token, now: Self.t0, alongWith: CompanyAccount.alongWithSession))
            #expect(session.principal == alone.principal)
            #expect(session.principal == account.principal(method: .session))
            #expect(session.csrfToken == alone.csrfToken && session.expiresAt == alone.expiresAt)
            let read = try #require(try CompanyAccount(rows: rows))
            #expect(read.company == account.company)
            #expect(read.credits == credits)
            #expect(
                read.credits
                    == (try CreditLedger(connection: fixture.connection).balance(
                        companyID: account.company.id.rawValue)))
        }
        // A company without ledger entries has 0 credits, not no row.
        let carla = try fixture.register("carla@drei.de")
        let carlas = try SessionStoreTests.create(store, carla)
        let (_, rows) = try #require(
            try store.resolve(token: carlas.token, now: Self.t0, alongWith: CompanyAccount.alongWithSession))
        #expect(try CompanyAccount(rows: rows) == CompanyAccount(company: carla.company, credits: 0))
    }

    @Test func itResolvesExactlyWhenTheLookUpAloneDoes() throws {
        let fixture = try AccountsFixture()
        let store = SessionStore(connection: fixture.connection)
        let account = try fixture.register("owner@firma.de")
        let read = CompanyAccount.alongWithSession
        let live = try SessionStoreTests.create(store, account)
        let revoked = try SessionStoreTests.create(store, account)
        #expect(try store.revoke(token: revoked.token, now: Self.t0))
        let altered = (live.token.first == "x" ? "y" : "x") + live.token.dropFirst()
        for token in [revoked.token, altered, "short", ""] {
            #expect(try store.resolve(token: token, now: Self.t0) == nil)
            #expect(try store.resolve(token: token, now: Self.t0, alongWith: read) == nil)
        }
        // Idle for 30 minutes: expired for both.
        let idle = Self.t0.addingTimeInterval(1800)
        #expect(try store.resolve(token: live.token, now: idle, alongWith: read) == nil)
        #expect(try store.resolve(token: live.token, now: idle) == nil)
        // A disabled user: neither.
        let other = try SessionStoreTests.create(store, account, at: idle)
        #expect(try store.resolve(token: other.token, now: idle, alongWith: read) != nil)
        try fixture.connection.execute("UPDATE users SET disabled_at = now() WHERE id = \(account.user.id)::uuid")
        #expect(try store.resolve(token: other.token, now: idle, alongWith: read) == nil)
        #expect(try store.resolve(token: other.token, now: idle) == nil)
    }

    @Test func lastSeenIsTouchedAsByTheLookUpAlone() throws {
        let fixture = try AccountsFixture()
        let store = SessionStore(connection: fixture.connection)
        let account = try fixture.register("owner@firma.de")
        let session = try SessionStoreTests.create(store, account)
        func lastSeen() throws -> Double {
            try fixture.connection.query("SELECT extract(epoch FROM last_seen_at)::float8 AS t FROM sessions")[0]
                .double("t")
        }
        _ = try store.resolve(
            token: session.token, now: Self.t0.addingTimeInterval(30), alongWith: CompanyAccount.alongWithSession)
        #expect(try lastSeen() == Self.t0.timeIntervalSince1970)
        _ = try store.resolve(
            token: session.token, now: Self.t0.addingTimeInterval(61), alongWith: CompanyAccount.alongWithSession)
        #expect(try lastSeen() == Self.t0.timeIntervalSince1970 + 61)
    }
}
