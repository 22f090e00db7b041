/// Which failed attempts are retried, and after how long.
///
/// Retried, when the call is safe to repeat (a GET, or a POST carrying an `Idempotency-Key`): network
/// errors, per-attempt timeouts, 409 (a concurrent request with the same key, or a lock timeout), 429 and
/// 5xx. `Stripe-Should-Retry` overrides the status rule either way. Backoff doubles from
/// `initialBackoff` up to `maximumBackoff`; a retry is only started when the overall deadline leaves
/// room for the wait plus `minimumAttemptTime`.
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt.
    public var maximumRetries: Int
    /// Wait before the first retry, seconds.
    public var initialBackoff: Double
    /// Longest wait between attempts, seconds.
    public var maximumBackoff: Double
    /// Least time an attempt should get; a retry that would have less is not started.
    public var minimumAttemptTime: Double

    /// A policy; defaults: 2 retries, 0.5 s doubling to at most 4 s, attempts of at least 1 s.
    public init(
        maximumRetries: Int = 2, initialBackoff: Double = 0.5, maximumBackoff: Double = 4,
        minimumAttemptTime: Double = 1
    ) {
        self.maximumRetries = max(0, maximumRetries)
        self.initialBackoff = max(0, initialBackoff)
        self.maximumBackoff = max(self.initialBackoff, maximumBackoff)
        self.minimumAttemptTime = max(0, minimumAttemptTime)
    }

    /// The wait before retry number `retry` (1-based).
    public func backoff(beforeRetry retry: Int) -> Double {
        guard retry > 1 else { return initialBackoff }
        var wait = initialBackoff
        for _ in 1..<retry {
            wait *= 2
            if wait >= maximumBackoff { return maximumBackoff }
        }
        return min(wait, maximumBackoff)
    }

    /// Whether an attempt that ended with HTTP `status` should be retried (`shouldRetry` is the
    /// `Stripe-Should-Retry` header, if sent).
    public static func isRetryable(status: Int, shouldRetry: Bool?) -> Bool {
        if let shouldRetry { return shouldRetry }
        return status == 409 || status == 429 || status >= 500
    }
}
