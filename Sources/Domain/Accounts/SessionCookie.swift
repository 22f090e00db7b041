/// The attributes of the session cookie (OWASP ASVS 3.3): a `__Host-` name (so `Secure`, `Path=/` and no
/// `Domain` are enforced by browsers), `HttpOnly`, `SameSite=Lax`. The App builds its `Set-Cookie` from this.
public struct SessionCookie: Sendable, Hashable {
    /// The cookie's name.
    public let name = "__Host-codezero_session"
    /// The `Path` attribute (must be `/` for `__Host-`).
    public let path = "/"
    /// The `Domain` attribute: none, a host-only cookie (required for `__Host-`).
    public let domain: String? = nil
    /// Whether `Secure` is set.
    public let secure = true
    /// Whether `HttpOnly` is set (no script can read the token).
    public let httpOnly = true
    /// The `SameSite` attribute.
    public let sameSite = "Lax"
    /// The `Max-Age` in seconds.
    public let maxAge: Int

    /// The cookie for sessions that live at most `maxAge` seconds.
    public init(maxAge: Int) {
        self.maxAge = maxAge
    }

    /// The `Set-Cookie` header value carrying `token` (which must be cookie-safe, e.g. base64url).
    public func headerValue(token: String) -> String {
        "\(name)=\(token); Path=\(path); Max-Age=\(maxAge); Secure; HttpOnly; SameSite=\(sameSite)"
    }

    /// The `Set-Cookie` header value that deletes the cookie (logout).
    public var clearingHeaderValue: String {
        "\(name)=; Path=\(path); Max-Age=0; Secure; HttpOnly; SameSite=\(sameSite)"
    }
}
