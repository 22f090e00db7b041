import Testing

@testable import Domain

/// The throttle policy against a fake clock: failures as (count, latest) and `now` in seconds.
@Suite struct LoginThrottleTests {
    static let policy = LoginThrottle()
    static let t0 = 1_800_000_000

    @Test(arguments: [
        (0, 0), (4, 0), (5, 2), (6, 4), (7, 8), (10, 64), (13, 512), (14, 900), (15, 900), (100, 900), (10_000, 900),
    ])
    func delayDoublesFromTheFreeAttemptsAndIsCapped(failures: Int, seconds: Int) {
        #expect(Self.policy.delay(failures: failures, free: 5) == seconds)
    }

    /// (account failures, seconds since the last one, address failures, seconds since, expected decision)
    @Test(arguments: [
        (0, 0, 0, 0, LoginThrottle.Decision.allowed),
        (4, 0, 4, 0, .allowed),
        (5, 0, 5, 0, .retryAfter(seconds: 2)),
        (5, 1, 5, 1, .retryAfter(seconds: 1)),
        (5, 2, 5, 2, .allowed),
        (8, 10, 8, 10, .retryAfter(seconds: 6)),
        (30, 0, 30, 0, .retryAfter(seconds: 900)),
        (30, 899, 30, 899, .retryAfter(seconds: 1)),
        (30, 900, 30, 900, .allowed),
        (0, 0, 19, 0, .allowed),
        (0, 0, 20, 0, .retryAfter(seconds: 2)),
        (0, 0, 25, 3, .retryAfter(seconds: 61)),
        (6, 0, 21, 0, .retryAfter(seconds: 4)),
    ])
    func decides(
        accountCount: Int, accountAge: Int, addressCount: Int, addressAge: Int, expected: LoginThrottle.Decision
    ) {
        let account = LoginThrottle.Failures(count: accountCount, latest: accountCount > 0 ? Self.t0 - accountAge : nil)
        let address = LoginThrottle.Failures(count: addressCount, latest: addressCount > 0 ? Self.t0 - addressAge : nil)
        #expect(Self.policy.decide(account: account, address: address, now: Self.t0) == expected)
    }

    @Test func theOwnerIsNeverLockedOutLongerThanTheCap() {
        // An attacker who fails as soon as allowed, for a whole day: every pause is at most 15 minutes.
        var failures = LoginThrottle.Failures.none
        var now = Self.t0
        var longest = 0
        while now < Self.t0 + 86_400 {
            switch Self.policy.decide(account: failures, address: .none, now: now) {
            case .allowed:
                failures = LoginThrottle.Failures(count: failures.count + 1, latest: now)
            case .retryAfter(let seconds):
                longest = max(longest, seconds)
                now += seconds
            }
        }
        #expect(longest == 900)
        #expect(failures.count > 5 && failures.count < 150)
    }

    @Test func aCustomPolicyUsesItsOwnNumbers() {
        let strict = LoginThrottle(accountFreeFailures: 1, addressFreeFailures: 2, baseDelay: 10, maximumDelay: 30)
        #expect(
            strict.decide(account: .init(count: 1, latest: Self.t0), address: .none, now: Self.t0)
                == .retryAfter(seconds: 10))
        #expect(
            strict.decide(account: .init(count: 3, latest: Self.t0), address: .none, now: Self.t0)
                == .retryAfter(seconds: 30))
        #expect(strict.delay(failures: 1, free: 2) == 0)
    }
}

@Suite struct LoginThrottleAddressKeyTests {
    @Test(arguments: [
        ("203.0.113.7", "203.0.113.7"), (" 203.0.113.7 ", "203.0.113.7"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"), ("2001:DB8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:0db8:0001:0002:0:0:0:1", "2001:db8:1:2::/64"), ("2001:db8::", "2001:db8:0:0::/64"),
        ("[2001:db8:1:2::1]", "2001:db8:1:2::/64"), ("fe80::1%eth0", "fe80:0:0:0::/64"), ("::1", "0:0:0:0::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"), ("::FFFF:c000:0207", "192.0.2.7"),
        ("64:ff9b::192.0.2.7", "64:ff9b:0:0::/64"), ("unix:", "unix:"), ("1:::2", "1:::2"),
        ("1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8:9"),
        ("12345::1", "12345::1"), ("::ffff:300.0.0.1", "::ffff:300.0.0.1"),
    ])
    func normalisesAddresses(address: String, key: String) {
        #expect(LoginThrottle.addressKey(address) == key)
    }
}
