/// A `Set-Cookie` header (RFC 6265bis), validated when created.
///
/// Defaults are the safe ones: `Path=/`, `Secure`, `HttpOnly`, `SameSite=Lax`. Prefix rules are enforced:
/// a `__Secure-` cookie must be `Secure`; a `__Host-` cookie must be `Secure`, have `Path=/` and no
/// `Domain`. `SameSite=None` requires `Secure`.
public struct SetCookie: Sendable, Equatable {
    /// The `SameSite` attribute.
    public enum SameSite: String, Sendable {
        /// Sent on top-level navigations from other sites and on same-site requests.
        case lax = "Lax"
        /// Sent on same-site requests only.
        case strict = "Strict"
        /// Sent on cross-site requests too (requires `Secure`).
        case none = "None"
    }

    /// The cookie name (an RFC 9110 token).
    public let name: String
    /// The cookie value (RFC 6265 cookie-octets: no whitespace, `"`, `,`, `;` or `\`).
    public let value: String
    /// The `Path` attribute, or `nil` for none.
    public let path: String?
    /// The `Domain` attribute, or `nil` for a host-only cookie.
    public let domain: String?
    /// The `Max-Age` attribute in seconds (0 deletes), or `nil`.
    public let maxAge: Int?
    /// The `Expires` attribute, or `nil`.
    public let expires: HTTPDate?
    /// Whether `Secure` is set.
    public let secure: Bool
    /// Whether `HttpOnly` is set.
    public let httpOnly: Bool
    /// The `SameSite` attribute, or `nil` for none.
    public let sameSite: SameSite?

    /// A validated cookie.
    ///
    /// - Throws: ``WebError/invalidCookie(_:)`` when a part is malformed or a prefix rule is broken.
    public init(
        name: String,
        value: String,
        path: String? = "/",
        domain: String? = nil,
        maxAge: Int? = nil,
        expires: HTTPDate? = nil,
        secure: Bool = true,
        httpOnly: Bool = true,
        sameSite: SameSite? = .lax
    ) throws(WebError) {
        guard ASCII.isToken(name) else { throw .invalidCookie("name must be a token") }
        guard value.utf8.allSatisfy(SetCookie.isCookieOctet) else {
            throw .invalidCookie("value contains a character not allowed in a cookie")
        }
        if let path, path.isEmpty || !path.utf8.allSatisfy(SetCookie.isAttributeOctet) {
            throw .invalidCookie("path is empty or contains a control character or ';'")
        }
        if let domain, domain.isEmpty || !domain.utf8.allSatisfy(SetCookie.isDomainOctet) {
            throw .invalidCookie("domain is not a host name")
        }
        if let maxAge, maxAge < 0 { throw .invalidCookie("Max-Age must not be negative") }
        if sameSite == SameSite.none && !secure { throw .invalidCookie("SameSite=None requires Secure") }
        if name.hasPrefix("__Secure-") && !secure { throw .invalidCookie("a __Secure- cookie requires Secure") }
        if name.hasPrefix("__Host-") && (!secure || path != "/" || domain != nil) {
            throw .invalidCookie("a __Host- cookie requires Secure, Path=/ and no Domain")
        }
        self.name = name
        self.value = value
        self.path = path
        self.domain = domain
        self.maxAge = maxAge
        self.expires = expires
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
    }

    /// A cookie that tells the browser to delete `name`: empty value, `Max-Age=0` and an `Expires` in 1970.
    /// Path, domain and flags must match the cookie being deleted.
    public static func deletion(
        name: String,
        path: String? = "/",
        domain: String? = nil,
        secure: Bool = true,
        httpOnly: Bool = true,
        sameSite: SameSite? = .lax
    ) throws(WebError) -> SetCookie {
        try SetCookie(
            name: name, value: "", path: path, domain: domain, maxAge: 0, expires: HTTPDate(secondsSince1970: 0),
            secure: secure, httpOnly: httpOnly, sameSite: sameSite)
    }

    /// The header value, e.g. `__Host-session=abc; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Lax`.
    public var headerValue: String {
        var text = name + "=" + value
        if let path { text += "; Path=" + path }
        if let domain { text += "; Domain=" + domain }
        if let maxAge { text += "; Max-Age=\(maxAge)" }
        if let expires { text += "; Expires=\(expires)" }
        if secure { text += "; Secure" }
        if httpOnly { text += "; HttpOnly" }
        if let sameSite { text += "; SameSite=" + sameSite.rawValue }
        return text
    }

    private static func isCookieOctet(_ byte: UInt8) -> Bool {
        byte == 0x21 || (0x23...0x2B).contains(byte) || (0x2D...0x3A).contains(byte)
            || (0x3C...0x5B).contains(byte) || (0x5D...0x7E).contains(byte)
    }

    private static func isAttributeOctet(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != 0x7F && byte != UInt8(ascii: ";") && byte < 0x80
    }

    private static func isDomainOctet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }
}
