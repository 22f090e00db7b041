public import Domain

/// The answer to a login attempt. Unknown e-mail, wrong password and disabled account are all
/// ``failed``, so the response cannot tell them apart (the audit log can).
public enum LoginOutcome: Sendable, Hashable {
    /// Signed in: set the session cookie, return the CSRF token.
    case succeeded(IssuedSession, Principal)
    /// Wrong e-mail or password (the App answers 401 with one message).
    case failed
    /// Too many recent failures: not checked; the App answers 429 with `Retry-After: seconds`.
    case throttled(retryAfter: Int)
}
