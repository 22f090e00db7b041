/// How long sessions live (OWASP ASVS 7.3): an idle timeout since the last request, an absolute timeout
/// since login, and how often a live session's last-seen time is written (to keep reads cheap).
///
/// Times are seconds since 1970. A new session is created at every login (the token rotates) and
/// ``cookie`` describes the cookie that carries it.
public struct SessionPolicy: Sendable, Hashable {
    /// Why a session no longer counts.
    public enum Expiry: Sendable, Hashable {
        /// No request for longer than ``SessionPolicy/idleTimeout``.
        case idle
        /// Older than ``SessionPolicy/absoluteTimeout``.
        case absolute
    }

    /// The state of a session at a moment.
    public enum Status: Sendable, Hashable {
        /// Valid; `touch` says whether to write the new last-seen time.
        case active(touch: Bool)
        /// Expired for this reason.
        case expired(Expiry)
    }

    /// Seconds without a request after which a session expires (default 30 min).
    public var idleTimeout: Int
    /// Seconds after login after which a session expires whatever happens (default 12 h).
    public var absoluteTimeout: Int
    /// Least seconds between two writes of last-seen (default 60).
    public var touchInterval: Int

    /// A policy with the given timeouts.
    public init(idleTimeout: Int = 30 * 60, absoluteTimeout: Int = 12 * 3600, touchInterval: Int = 60) {
        precondition(idleTimeout > 0 && absoluteTimeout >= idleTimeout && touchInterval >= 0, "bad session timings")
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.touchInterval = touchInterval
    }

    /// The house policy.
    public static let standard = SessionPolicy()

    /// The moment a session created at `createdAt` expires at the latest.
    public func absoluteExpiry(createdAt: Int) -> Int { createdAt + absoluteTimeout }

    /// The status at `now` of a session created at `createdAt` and last seen at `lastSeenAt`.
    public func status(createdAt: Int, lastSeenAt: Int, now: Int) -> Status {
        if now >= absoluteExpiry(createdAt: createdAt) { return .expired(.absolute) }
        if now - lastSeenAt >= idleTimeout { return .expired(.idle) }
        return .active(touch: now - lastSeenAt >= touchInterval)
    }

    /// The session cookie's attributes; `Max-Age` is the absolute timeout.
    public var cookie: SessionCookie { SessionCookie(maxAge: absoluteTimeout) }
}
