public import Domain
public import Storage

/// Who is calling: the principal, and the session when the call came with the session cookie.
public struct Caller: Sendable {
    /// The user acting for their company with their role.
    public let principal: Principal
    /// The session, when authenticated by cookie (nil for bearer tokens).
    public let session: ActiveSession?
    /// The raw session token from the cookie, for logout (never logged).
    let sessionToken: String?

    /// Whether the call is cookie-authenticated (and so needs a CSRF token for writes).
    public var usesSession: Bool { session != nil }
}
