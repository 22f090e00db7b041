/// How ``StripeAPIClient`` reaches Stripe: key, base URL, pinned version, time budget, retries, breaker.
///
/// The time budget is built so that a call never outlives the FastCGI pool's 30 s request timeout:
/// every attempt, every backoff wait and every retry together stay within ``totalTimeout`` (at most
/// 20 s). `description` masks the secret key.
public struct StripeConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// The API version every request pins with `Stripe-Version`.
    public static let pinnedAPIVersion = "2026-10-28.endive"
    /// The production API base.
    public static let defaultAPIBase = "https://api.stripe.com"
    /// The hard ceiling of ``totalTimeout``.
    public static let maximumTotalTimeout = 20.0

    /// `STRIPE_SECRET_KEY` (`sk_test_…`, `sk_live_…`, or a restricted `rk_…`).
    public var secretKey: String
    /// `STRIPE_API_BASE`: `https://…`, or `http://` on a loopback address (a local stand-in).
    public var apiBase: String
    /// The `Stripe-Version` header value.
    public var apiVersion: String
    /// Seconds to establish a connection.
    public var connectTimeout: Double
    /// Seconds one attempt may take, connection included.
    public var attemptTimeout: Double
    /// Seconds a whole call may take, all attempts and waits included (≤ 20).
    public var totalTimeout: Double
    /// Which failures are retried and the waits between attempts.
    public var retry: RetryPolicy
    /// When the circuit opens and for how long.
    public var breaker: CircuitBreaker.Policy

    /// A configuration with the defaults: production base, pinned version, 3 s connect, 8 s per attempt,
    /// 20 s in total, ``RetryPolicy`` and ``CircuitBreaker/Policy`` defaults.
    public init(
        secretKey: String, apiBase: String = defaultAPIBase, apiVersion: String = pinnedAPIVersion,
        connectTimeout: Double = 3, attemptTimeout: Double = 8, totalTimeout: Double = maximumTotalTimeout,
        retry: RetryPolicy = RetryPolicy(), breaker: CircuitBreaker.Policy = CircuitBreaker.Policy()
    ) {
        self.secretKey = secretKey
        self.apiBase = apiBase.hasSuffix("/") ? String(apiBase.dropLast()) : apiBase
        self.apiVersion = apiVersion
        self.connectTimeout = connectTimeout
        self.attemptTimeout = attemptTimeout
        self.totalTimeout = totalTimeout
        self.retry = retry
        self.breaker = breaker
    }

    /// Checks every field; the message names the environment key.
    public func validate() throws(StripeError) {
        let unsafe: (String) -> Bool = { $0.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F } }
        guard !secretKey.isEmpty, !unsafe(secretKey) else {
            throw .invalidConfiguration("STRIPE_SECRET_KEY is empty or contains spaces or control characters")
        }
        guard apiBase.hasPrefix("https://") || Self.isLoopbackHTTP(apiBase), !unsafe(apiBase) else {
            throw .invalidConfiguration("STRIPE_API_BASE must be https://…, or http:// on a loopback address")
        }
        guard !apiVersion.isEmpty, !unsafe(apiVersion) else { throw .invalidConfiguration("Stripe-Version is empty") }
        guard connectTimeout > 0, attemptTimeout > 0, totalTimeout > 0,
            totalTimeout <= Self.maximumTotalTimeout
        else { throw .invalidConfiguration("Stripe timeouts must be positive and the total at most 20 s") }
    }

    /// The configuration with the key masked.
    public var description: String {
        let prefix = secretKey.split(separator: "_").prefix(2).joined(separator: "_")
        return "StripeConfiguration(secretKey: \(prefix)_…, apiBase: \(apiBase), apiVersion: \(apiVersion), "
            + "connectTimeout: \(connectTimeout), attemptTimeout: \(attemptTimeout), totalTimeout: \(totalTimeout))"
    }

    private static func isLoopbackHTTP(_ base: String) -> Bool {
        ["http://127.0.0.1", "http://localhost", "http://[::1]"].contains { prefix in
            base == prefix || base.hasPrefix(prefix + ":") || base.hasPrefix(prefix + "/")
        }
    }
}
