/// The login throttling policy (OWASP ASVS 6.3.1): counts recent failures per account (normalised e-mail)
/// and per client address, and after a few free attempts asks for an exponentially growing pause, capped so
/// that an attacker can never lock the real owner out for long.
///
/// Pure: the store passes the failures it counted within ``window`` and the clock's `now`. A throttled
/// attempt is not checked and not counted, so the pause cannot be stretched by hammering; a successful
/// login clears the account's failures.
///
/// With the defaults, the 6th failure for one e-mail within an hour asks for 2 s, then 4, 8 … up to 15 min.
public struct LoginThrottle: Sendable, Hashable {
    /// The failures counted for one key (an account or an address) within the window.
    public struct Failures: Sendable, Hashable {
        /// How many.
        public var count: Int
        /// When the latest happened (seconds since 1970), `nil` when none.
        public var latest: Int?

        /// Counted failures.
        public init(count: Int, latest: Int?) {
            self.count = count
            self.latest = latest
        }

        /// No failures.
        public static let none = Failures(count: 0, latest: nil)
    }

    /// Whether an attempt may be checked now.
    public enum Decision: Sendable, Hashable {
        /// Check the password.
        case allowed
        /// Refuse without checking; the App answers 429 with `Retry-After: seconds`.
        case retryAfter(seconds: Int)
    }

    /// Failures of one account allowed before pauses begin.
    public var accountFreeFailures: Int
    /// Failures from one client address (any accounts) allowed before pauses begin.
    public var addressFreeFailures: Int
    /// The first pause in seconds, doubled with every further failure.
    public var baseDelay: Int
    /// The longest pause in seconds.
    public var maximumDelay: Int
    /// How far back failures count, in seconds.
    public var window: Int

    /// A policy; the defaults are 5 account and 20 address failures, 2 s doubling up to 900 s, 1 h window.
    public init(
        accountFreeFailures: Int = 5, addressFreeFailures: Int = 20, baseDelay: Int = 2, maximumDelay: Int = 900,
        window: Int = 3600
    ) {
        precondition(accountFreeFailures >= 0 && addressFreeFailures >= 0, "free failures must not be negative")
        precondition(baseDelay >= 1 && maximumDelay >= baseDelay && window >= 1, "bad throttle timings")
        self.accountFreeFailures = accountFreeFailures
        self.addressFreeFailures = addressFreeFailures
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.window = window
    }

    /// The pause in seconds that `failures` failures call for when `free` are free: 0 below `free`, then
    /// `baseDelay · 2^(failures − free)`, at most ``maximumDelay``.
    public func delay(failures: Int, free: Int) -> Int {
        guard failures >= free else { return 0 }
        let doublings = failures - free
        guard doublings < 62, baseDelay <= maximumDelay >> min(doublings, 62) else { return maximumDelay }
        return min(maximumDelay, baseDelay << doublings)
    }

    /// The decision for an attempt at `now` given the account's and the address's recent failures.
    public func decide(account: Failures, address: Failures, now: Int) -> Decision {
        let accountWait = wait(account, free: accountFreeFailures, now: now)
        let addressWait = wait(address, free: addressFreeFailures, now: now)
        let seconds = max(accountWait, addressWait)
        return seconds > 0 ? .retryAfter(seconds: seconds) : .allowed
    }

    private func wait(_ failures: Failures, free: Int, now: Int) -> Int {
        guard let latest = failures.latest else { return 0 }
        let until = latest + delay(failures: failures.count, free: free)
        return max(0, until - now)
    }
}
