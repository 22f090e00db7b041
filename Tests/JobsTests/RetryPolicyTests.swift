import Jobs
import Testing

@Suite struct RetryPolicyTests {
    @Test(arguments: [
        (1, Duration.seconds(5)), (2, .seconds(10)), (3, .seconds(20)), (8, .seconds(640)), (10, .seconds(2560)),
        (11, .seconds(3600)), (1000, .seconds(3600)), (Int.max, .seconds(3600)),
    ])
    func delayDoublesUpToTheMaximum(attempt: Int, expected: Duration) {
        #expect(RetryPolicy().delay(afterAttempt: attempt) == expected)
    }

    @Test(arguments: [(0.0, Duration.seconds(100)), (0.5, .seconds(85)), (1.0, .seconds(70)), (7.0, .seconds(70))])
    func jitterTakesAwayAtMostItsFraction(unit: Double, expected: Duration) {
        let policy = RetryPolicy(base: .seconds(100), maximum: .seconds(100), jitterFraction: 0.3)
        #expect(policy.delay(afterAttempt: 1, jitterUnit: unit) == expected)
    }

    @Test func randomJitterStaysInItsBounds() {
        let lifecycle = JobLifecycle(retry: RetryPolicy(base: .seconds(10), jitterFraction: 0.2), jitter: .random)
        let start = JobInstant(microsecondsSinceEpoch: 0)
        let job = JobSnapshot(
            state: .running, attempts: 1, maxAttempts: 5, runAt: start, lockedBy: "w", lockedUntil: start)
        var delays = Set<Duration>()
        for _ in 0..<200 {
            let delay = start.duration(to: lifecycle.apply(.failed(error: "e"), to: job, at: start).job.runAt)
            #expect(delay >= .seconds(8) && delay <= .seconds(10))
            delays.insert(delay)
        }
        #expect(delays.count > 100)  // it does vary
    }

    @Test func settingsAreClamped() {
        let policy = RetryPolicy(base: .seconds(-1), maximum: .seconds(-5), jitterFraction: 3)
        #expect(policy.base == .zero && policy.maximum == .zero && policy.jitterFraction == 1)
    }
}
