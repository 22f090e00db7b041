public import Domain
public import Foundation

/// A new session: the raw cookie token, shown this once (only its SHA-256 is stored), and its CSRF token.
public struct IssuedSession: Sendable, Hashable {
    /// The cookie value (43 base64url characters, 256 bits from the CSPRNG).
    public let token: String
    /// The CSRF token the login response body returns (`csrf_token`).
    public let csrfToken: String
    /// When the session expires at the latest (absolute timeout).
    public let expiresAt: Date
    /// The cookie to set (name and attributes).
    public let cookie: SessionCookie

    /// The `Set-Cookie` header value carrying ``token``.
    public var setCookieHeader: String { cookie.headerValue(token: token) }
}
