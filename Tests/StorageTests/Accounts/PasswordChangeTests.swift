import Domain
import Foundation
import Storage
import Testing

@Suite struct PasswordChangeTests {
    static let t0 = AccountsFixture.start

    @Test func changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() throws {
        let fixture = try AccountsFixture()
        try fixture.register("owner@firma.de")
        let login = fixture.authenticator()
        let (kept, principal) = try AuthenticatorTests.succeeded(
            try login.login(email: "owner@firma.de", password: AccountsFixture.password, ip: nil, now: Self.t0))
        let (other, _) = try AuthenticatorTests.succeeded(
            try login.login(email: "owner@firma.de", password: AccountsFixture.password, ip: nil, now: Self.t0))
        let newPassword = "Eine ganz neue Passphrase"
        #expect(
            try login.changePassword(
                principal, current: "falsch!!", new: newPassword, keeping: kept.token, ip: nil, now: Self.t0)
                == .wrongPassword)
        #expect(
            try login.changePassword(
                principal, current: AccountsFixture.password, new: "password1", keeping: kept.token, ip: nil,
                now: Self.t0) == .weakPassword(.tooCommon))
        #expect(
            try login.changePassword(
                principal, current: AccountsFixture.password, new: newPassword, keeping: kept.token, ip: "::1",
                now: Self.t0) == .changed(sessionsEnded: 1))
        #expect(try login.sessions.resolve(token: kept.token, now: Self.t0) != nil)
        #expect(try login.sessions.resolve(token: other.token, now: Self.t0) == nil)
        #expect(
            try login.login(email: "owner@firma.de", password: AccountsFixture.password, ip: nil, now: Self.t0)
                == .failed)
        _ = try AuthenticatorTests.succeeded(
            try login.login(email: "owner@firma.de", password: newPassword, ip: nil, now: Self.t0))
        #expect(try fixture.audit(.passwordChange).map(\.entry.outcome) == [.failure, .success])
    }

    @Test func wrongCurrentPasswordsCountTowardsTheThrottle() throws {
        let fixture = try AccountsFixture()
        try fixture.register("owner@firma.de")
        let login = fixture.authenticator(throttle: LoginThrottle(accountFreeFailures: 2))
        let (session, principal) = try AuthenticatorTests.succeeded(
            try login.login(email: "owner@firma.de", password: AccountsFixture.password, ip: nil, now: Self.t0))
        for _ in 0..<2 {
            _ = try login.changePassword(
                principal, current: "falsch!!", new: "Neue Passphrase 1", keeping: session.token, ip: nil, now: Self.t0)
        }
        #expect(
            try login.changePassword(
                principal, current: AccountsFixture.password, new: "Neue Passphrase 1", keeping: session.token,
                ip: nil, now: Self.t0) == .throttled(retryAfter: 2))
    }
}
