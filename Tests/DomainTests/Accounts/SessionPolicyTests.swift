import Testing

@testable import Domain

@Suite struct SessionPolicyTests {
    static let policy = SessionPolicy.standard
    static let login = 1_800_000_000

    /// (seconds since login of the last request, seconds since login now, expected status)
    @Test(arguments: [
        (0, 0, SessionPolicy.Status.active(touch: false)),
        (0, 59, .active(touch: false)),
        (0, 60, .active(touch: true)),
        (0, 1799, .active(touch: true)),
        (0, 1800, .expired(.idle)),
        (40_000, 41_000, .active(touch: true)),
        (43_000, 43_199, .active(touch: true)),
        (43_100, 43_200, .expired(.absolute)),
        (0, 90_000, .expired(.absolute)),
    ])
    func appliesIdleAndAbsoluteTimeouts(lastSeen: Int, now: Int, expected: SessionPolicy.Status) {
        let status = Self.policy.status(createdAt: Self.login, lastSeenAt: Self.login + lastSeen, now: Self.login + now)
        #expect(status == expected)
    }

    @Test func defaultsAreThirtyMinutesIdleAndTwelveHoursAbsolute() {
        #expect(Self.policy.idleTimeout == 1800)
        #expect(Self.policy.absoluteTimeout == 43_200)
        #expect(Self.policy.absoluteExpiry(createdAt: Self.login) == Self.login + 43_200)
    }

    @Test func theCookieIsHostPrefixedSecureHttpOnlyAndLax() {
        let cookie = Self.policy.cookie
        #expect(cookie.name.hasPrefix("__Host-"))
        #expect(cookie.secure && cookie.httpOnly)
        #expect(cookie.sameSite == "Lax")
        #expect(cookie.path == "/" && cookie.domain == nil)
        #expect(cookie.maxAge == 43_200)
        let header = cookie.headerValue(token: "abc_DEF-123")
        #expect(header == "__Host-codezero_session=abc_DEF-123; Path=/; Max-Age=43200; Secure; HttpOnly; SameSite=Lax")
        #expect(!header.contains("Domain"))
        #expect(cookie.clearingHeaderValue.hasPrefix("__Host-codezero_session=; Path=/; Max-Age=0; Secure; HttpOnly"))
    }
}
