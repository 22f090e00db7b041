/// Exponential backoff between attempts: `base · 2^(attempt − 1)`, capped at `maximum`, then shortened by
/// up to `jitterFraction` of itself so that jobs that failed together do not retry together.
public struct RetryPolicy: Hashable, Sendable {
    /// The delay after the first failed attempt (before jitter).
    public var base: Duration
    /// The longest delay (before jitter).
    public var maximum: Duration
    /// How much of the delay jitter may take away, from 0 (none) to 1.
    public var jitterFraction: Double

    /// Creates a policy. Defaults: 5 s, doubling up to 1 h, up to 20 % jitter.
    public init(base: Duration = .seconds(5), maximum: Duration = .seconds(3600), jitterFraction: Double = 0.2) {
        self.base = max(base, .zero)
        self.maximum = max(maximum, self.base)
        self.jitterFraction = min(max(jitterFraction, 0), 1)
    }

    /// The delay before the attempt after failed attempt number `attempt` (1-based), without jitter.
    public func delay(afterAttempt attempt: Int) -> Duration {
        var delay = base
        var doublings = attempt - 1
        while doublings > 0 && delay < maximum {
            delay = delay * 2
            doublings -= 1
        }
        return min(delay, maximum)
    }

    /// The delay after `attempt` with jitter: `unit` in 0...1 (from ``JobJitter``) takes away up to
    /// `jitterFraction` of it. The result lies in `[delay · (1 − jitterFraction), delay]`.
    public func delay(afterAttempt attempt: Int, jitterUnit unit: Double) -> Duration {
        let delay = delay(afterAttempt: attempt)
        let cut = jitterFraction * min(max(unit, 0), 1)
        let microseconds = Double(delay.jobMicroseconds) * (1 - cut)
        return .microseconds(Int64(microseconds.rounded(.down)))
    }
}
