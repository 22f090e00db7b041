import Domain
import Testing

@Suite struct RateLimitTests {
    @Test func windowsStartAtMultiplesOfTheirLength() {
        let limit = RateLimit(limit: 3, window: 60)
        #expect(limit.windowStart(at: 0) == 0)
        #expect(limit.windowStart(at: 59) == 0)
        #expect(limit.windowStart(at: 60) == 60)
        #expect(limit.windowStart(at: 1_000_030) == 1_000_020)
    }

    @Test func theLimitIsExactAndRetryAfterPointsAtTheNextWindow() {
        let limit = RateLimit(limit: 3, window: 60)
        #expect(limit.decide(count: 1, at: 1_000_030) == .allowed)
        #expect(limit.decide(count: 3, at: 1_000_030) == .allowed)
        #expect(limit.decide(count: 4, at: 1_000_030) == .retryAfter(seconds: 50))
        #expect(limit.decide(count: 4, at: 1_000_079) == .retryAfter(seconds: 1))
    }

    @Test func theBudgetsOfTheIssue() {
        #expect(RateLimit.accountWrites == RateLimit(limit: 300, window: 60))
        #expect(RateLimit.checkoutSessions == RateLimit(limit: 20, window: 600))
    }

    @Test func takingAheadIsAFiftiethOfTheLimitBetweenOneAndAHundred() {
        #expect(RateLimit.accountWrites.takeAhead == 6)
        #expect(RateLimit(limit: 3, window: 60).takeAhead == 1)
        #expect(RateLimit(limit: 99, window: 60).takeAhead == 1)
        #expect(RateLimit(limit: 100, window: 60).takeAhead == 2)
        #expect(RateLimit(limit: 6_000_000, window: 60).takeAhead == 100)
    }
}
