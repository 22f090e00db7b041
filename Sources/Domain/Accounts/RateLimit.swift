/// An exact request budget: at most ``limit`` requests per key in each fixed window of ``window`` seconds
/// (windows start at multiples of the window length since 1970).
///
/// Pure: the store counts the request into its window and passes the count; the rule says whether the request
/// is within the budget and, if not, how long until the next window opens (the `Retry-After`).
///
/// ```swift
/// let writes = RateLimit(limit: 300, window: 60)
/// writes.windowStart(at: 1_000_030)           // 1_000_020
/// writes.decide(count: 301, at: 1_000_030)     // .retryAfter(seconds: 50)
/// ```
public struct RateLimit: Sendable, Hashable {
    /// Whether a request is within the budget.
    public enum Decision: Sendable, Hashable {
        /// Go ahead.
        case allowed
        /// Over budget; the App answers 429 with `Retry-After: seconds`.
        case retryAfter(seconds: Int)
    }

    /// Requests allowed per window.
    public var limit: Int
    /// The window length in seconds.
    public var window: Int

    /// A budget of `limit` requests per `window` seconds.
    public init(limit: Int, window: Int) {
        precondition(limit > 0 && window > 0, "a rate limit needs a positive limit and window")
        self.limit = limit
        self.window = window
    }

    /// API writes per signed-in account: 300 a minute (five a second on average, bursts allowed).
    public static let accountWrites = RateLimit(limit: 300, window: 60)
    /// Checkout sessions started per company: 20 in ten minutes (each one is a session at the payment provider).
    public static let checkoutSessions = RateLimit(limit: 20, window: 600)
    /// Team invitations sent per company: 20 an hour (each one is a mail to an address the company typed).
    public static let invitations = RateLimit(limit: 20, window: 3600)

    /// How many requests one count may take from this budget ahead, for the worker that counted them to spend
    /// without counting each again (the bearer usage path, `APITokenStore`'s counting statement): a fiftieth of the
    /// limit, at least 1 and at most 100 (6 of the 300 API writes a minute). A count never takes more than what
    /// is left of the window, so the budget is never exceeded; requests a worker took but did not spend before
    /// the window ended are lost to the account, at most `takeAhead` − 1 per worker and window.
    public var takeAhead: Int { max(1, min(100, limit / 50)) }

    /// The start of the window that contains `now` (seconds since 1970).
    public func windowStart(at now: Int) -> Int {
        let remainder = now % window
        return now - (remainder < 0 ? remainder + window : remainder)
    }

    /// The decision for the `count`-th request (this one included) of the window containing `now`.
    public func decide(count: Int, at now: Int) -> Decision {
        guard count > limit else { return .allowed }
        return .retryAfter(seconds: max(1, windowStart(at: now) + window - now))
    }
}
