import Domain
import Foundation
import Postgres
import Signing
import Storage
import Testing

@Suite struct AuthenticatorTests {
    static let t0 = AccountsFixture.start

    static func succeeded(_ outcome: LoginOutcome) throws -> (IssuedSession, Principal) {
        guard case .succeeded(let session, let principal) = outcome else { throw TestFailure("login: \(outcome)") }
        return (session, principal)
    }

    @Test func aLoginCreatesASessionAndIsAudited() throws {
        let fixture = try AccountsFixture()
        let account = try fixture.register("owner@firma.de")
        let login = fixture.authenticator()
        let (session, principal) = try Self.succeeded(
            try login.login(
                email: " OWNER@firma.de", password: AccountsFixture.password, ip: "203.0.113.7", now: Self.t0))
        #expect(principal == account.principal(method: .session))
        let active = try #require(try login.sessions.resolve(token: session.token, now: Self.t0))
        #expect(active.principal == principal && active.acceptsCSRFToken(session.csrfToken))
        let audit = try fixture.audit(.login)
        #expect(audit.count == 1)
        #expect(audit[0].entry.outcome == .success && audit[0].entry.actor == account.user.id)
        #expect(audit[0].entry.companyID == account.company.id && audit[0].entry.ip == "203.0.113.7")
    }

    @Test func unknownEmailAndWrongPasswordGetTheSameAnswer() throws {
        let fixture = try AccountsFixture()
        let account = try fixture.register("owner@firma.de")
        #expect(
            try fixture.accounts.disable(
                try fixture.register("gone@firma.de", company: "Weg AG").user.id, by: nil, ip: nil, now: Self.t0))
        let login = fixture.authenticator()
        let unknown = try login.login(
            email: "nobody@firma.de", password: AccountsFixture.password, ip: "::1", now: Self.t0)
        let wrong = try login.login(email: "owner@firma.de", password: "Falsche Passphrase", ip: "::1", now: Self.t0)
        let malformed = try login.login(email: "not an e-mail", password: "x", ip: "::1", now: Self.t0)
        let disabled = try login.login(
            email: "gone@firma.de", password: AccountsFixture.password, ip: "::1", now: Self.t0)
        #expect([unknown, wrong, malformed, disabled] == [.failed, .failed, .failed, .failed])
        #expect(try fixture.count("sessions") == 0)
        let audit = try fixture.audit(.login)
        #expect(audit.map(\.entry.outcome) == [.failure, .failure, .failure, .failure])
        #expect(
            audit.map { $0.entry.details["reason"] } == [
                "unknown_email", "wrong_password", "unknown_email", "disabled",
            ])
        #expect(audit[1].entry.actor == account.user.id && audit[0].entry.actor == nil)
        #expect(audit.allSatisfy { !$0.entry.details.values.contains(AccountsFixture.password) })
    }

    @Test func unknownEmailsCostAScryptVerificationToo() throws {
        // With expensive parameters, an unknown e-mail must take about as long as a wrong password,
        // not return at once.
        let fixture = try AccountsFixture()
        let parameters = PasswordHash.Parameters(logN: 14, r: 8, p: 1)
        let store = AccountStore(connection: fixture.connection, passwordParameters: parameters)
        let registration = try Registration.validate(
            email: "owner@firma.de", password: AccountsFixture.password, companyName: "M", country: "DE", vatId: nil
        ).get()
        _ = try store.register(registration, ip: nil)
        let login = fixture.authenticator(parameters: parameters)
        let clock = ContinuousClock()
        var wrong = Duration.zero
        var unknown = Duration.zero
        for round in 0..<3 {
            let at = Self.t0.addingTimeInterval(Double(round))
            wrong += clock.measure {
                _ = try? login.login(email: "owner@firma.de", password: "falsch!!", ip: nil, now: at)
            }
            unknown += clock.measure {
                _ = try? login.login(email: "x\(round)@firma.de", password: "falsch!!", ip: nil, now: at)
            }
        }
        #expect(unknown > wrong / 3 && unknown < wrong * 3, "unknown \(unknown) vs wrong \(wrong)")
    }

    @Test func repeatedFailuresAreThrottledPerAccountAndASuccessResetsTheCounter() throws {
        let fixture = try AccountsFixture()
        try fixture.register("owner@firma.de")
        let login = fixture.authenticator()
        var now = Self.t0
        for _ in 0..<5 {
            #expect(
                try login.login(email: "owner@firma.de", password: "falsch!!", ip: "198.51.100.1", now: now) == .failed)
        }
        // The sixth attempt within the pause is not even checked, also with the right password.
        #expect(
            try login.login(email: "Owner@Firma.de", password: AccountsFixture.password, ip: "198.51.100.2", now: now)
                == .throttled(retryAfter: 2))
        now += 2
        #expect(try login.login(email: "owner@firma.de", password: "falsch!!", ip: "198.51.100.3", now: now) == .failed)
        #expect(
            try login.login(email: "owner@firma.de", password: AccountsFixture.password, ip: nil, now: now + 1)
                == .throttled(retryAfter: 3))
        now += 4
        _ = try Self.succeeded(
            try login.login(email: "owner@firma.de", password: AccountsFixture.password, ip: nil, now: now))
        #expect(
            try fixture.connection.query("SELECT count(*) AS n FROM login_failures WHERE email = 'owner@firma.de'")[0]
                .int("n") == 0)
        #expect(try login.login(email: "owner@firma.de", password: "falsch!!", ip: nil, now: now) == .failed)
        let outcomes = try fixture.audit(.login).map(\.entry.outcome)
        #expect(outcomes == Array(repeating: .failure, count: 5) + [.denied, .failure, .denied, .success, .failure])
    }

    @Test func oneAddressTryingManyAccountsIsThrottled() throws {
        let fixture = try AccountsFixture()
        let login = fixture.authenticator(throttle: LoginThrottle(accountFreeFailures: 5, addressFreeFailures: 3))
        for index in 0..<3 {
            #expect(
                try login.login(email: "v\(index)@firma.de", password: "falsch!!", ip: "198.51.100.7", now: Self.t0)
                    == .failed)
        }
        #expect(
            try login.login(email: "v9@firma.de", password: "x", ip: "198.51.100.7", now: Self.t0)
                == .throttled(retryAfter: 2))
        #expect(try login.login(email: "v9@firma.de", password: "x", ip: "198.51.100.8", now: Self.t0) == .failed)
    }

    @Test func failuresOutsideTheWindowNoLongerCount() throws {
        let fixture = try AccountsFixture()
        let login = fixture.authenticator(throttle: LoginThrottle(baseDelay: 100, window: 600))
        for _ in 0..<8 { try login.throttle.recordFailure(email: "V@firma.de ", ip: nil, now: Self.t0) }
        #expect(
            try login.throttle.decide(email: "v@firma.de", ip: nil, now: Self.t0.addingTimeInterval(300))
                == .retryAfter(seconds: 500))
        #expect(
            try login.throttle.decide(email: "v@firma.de", ip: nil, now: Self.t0.addingTimeInterval(601)) == .allowed)
        #expect(try login.throttle.prune(now: Self.t0.addingTimeInterval(601)) == 8)
    }

    @Test func theSessionRotatesAtLogin() throws {
        let fixture = try AccountsFixture()
        try fixture.register("owner@firma.de")
        let login = fixture.authenticator()
        let (first, _) = try Self.succeeded(
            try login.login(email: "owner@firma.de", password: AccountsFixture.password, ip: nil, now: Self.t0))
        let (second, _) = try Self.succeeded(
            try login.login(
                email: "owner@firma.de", password: AccountsFixture.password, ip: nil, replacing: first.token,
                now: Self.t0))
        #expect(first.token != second.token && first.csrfToken != second.csrfToken)
        #expect(try login.sessions.resolve(token: first.token, now: Self.t0) == nil)
        #expect(try login.sessions.resolve(token: second.token, now: Self.t0) != nil)
    }

    @Test func logoutAndLogoutEverywhereAreAudited() throws {
        let fixture = try AccountsFixture()
        try fixture.register("owner@firma.de")
        let login = fixture.authenticator()
        var sessions: [IssuedSession] = []
        var principal: Principal?
        for _ in 0..<3 {
            let (session, who) = try Self.succeeded(
                try login.login(email: "owner@firma.de", password: AccountsFixture.password, ip: nil, now: Self.t0))
            sessions.append(session)
            principal = who
        }
        try login.logout(token: sessions[0].token, ip: "::1", now: Self.t0)
        #expect(try login.sessions.resolve(token: sessions[0].token, now: Self.t0) == nil)
        #expect(try login.logoutEverywhere(try #require(principal), ip: "::1", now: Self.t0) == 2)
        #expect(try login.sessions.resolve(token: sessions[2].token, now: Self.t0) == nil)
        #expect(try fixture.audit(.logout).count == 1)
        #expect(try fixture.audit(.logoutEverywhere).first?.entry.details["sessions"] == "2")
    }

    @Test func raisedKDFParametersRehashAtTheNextLogin() throws {
        let fixture = try AccountsFixture()
        try fixture.register("owner@firma.de")  // hashed with ln=4
        func storedHash() throws -> String {
            try fixture.connection.query("SELECT password_hash FROM users")[0].string("password_hash")
        }
        let old = try storedHash()
        #expect(old.hasPrefix("scrypt$ln=4$r=8$p=1$"))
        let raised = PasswordHash.Parameters(logN: 5, r: 8, p: 2)
        let login = fixture.authenticator(parameters: raised)
        _ = try Self.succeeded(
            try login.login(email: "owner@firma.de", password: AccountsFixture.password, ip: nil, now: Self.t0))
        let new = try storedHash()
        #expect(new.hasPrefix("scrypt$ln=5$r=8$p=2$"))
        #expect(PasswordHash.verify(password: AccountsFixture.password, against: new))
        #expect(!PasswordHash.needsRehash(new, parameters: raised))
        // A second login with the same parameters keeps the hash.
        _ = try Self.succeeded(
            try login.login(email: "owner@firma.de", password: AccountsFixture.password, ip: nil, now: Self.t0))
        #expect(try storedHash() == new)
        // A failed login never rehashes.
        _ = try fixture.authenticator(parameters: AccountsFixture.cheap).login(
            email: "owner@firma.de", password: "falsch!!", ip: nil, now: Self.t0)
        #expect(try storedHash() == new)
    }

    @Test func theDefaultKDFParametersAreOWASPs() {
        #expect(PasswordHash.Parameters.default == PasswordHash.Parameters(logN: 17, r: 8, p: 1))
        #expect(AccountStore(connection: PostgresConnection("")).passwordParameters == .default)
    }
}

@Suite struct AddressThrottleTests {
    @Test func addressesOfOneIPv6NetworkShareACounter() throws {
        let fixture = try AccountsFixture()
        let login = fixture.authenticator(throttle: LoginThrottle(addressFreeFailures: 2))
        let now = AccountsFixture.start
        #expect(try login.login(email: "a@firma.de", password: "x", ip: "2001:db8:1:2::10", now: now) == .failed)
        #expect(try login.login(email: "b@firma.de", password: "x", ip: "2001:db8:1:2:ffff::20", now: now) == .failed)
        #expect(
            try login.login(email: "c@firma.de", password: "x", ip: "2001:db8:1:2::30", now: now)
                == .throttled(retryAfter: 2))
        #expect(try login.login(email: "c@firma.de", password: "x", ip: "2001:db8:1:3::30", now: now) == .failed)
    }
}
