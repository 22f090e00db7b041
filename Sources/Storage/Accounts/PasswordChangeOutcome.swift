public import Domain

/// What ``Authenticator/changePassword(_:current:new:keeping:ip:now:policy:)`` did.
public enum PasswordChangeOutcome: Sendable, Hashable {
    /// The password was changed; this many other sessions were ended.
    case changed(sessionsEnded: Int)
    /// The current password was wrong (the App answers 403 or 422 with one message).
    case wrongPassword
    /// The new password breaks the policy.
    case weakPassword(PasswordPolicy.Rejection)
    /// Too many recent failures for this account or address; retry after this many seconds (429).
    case throttled(retryAfter: Int)
}
