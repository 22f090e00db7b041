import Signing
import Web

/// CSRF protection of the site's forms for visitors without a session (contact, sign-in, registration):
/// a random token in a `__Host-` cookie (Secure, HttpOnly, SameSite=Strict) that the form must echo in its
/// `csrf_token` field (double submit), plus an Origin check. Signed-in forms use the session's own token.
enum FormGuard {
    static let cookieName = "__Host-codezero_form"

    /// The token to render into a form: the existing cookie's, or a new one that `finish` must set.
    static func pendingToken(for context: RequestContext) -> (token: String, isNew: Bool) {
        if let existing = context.request.cookie(cookieName), isPlausible(existing) { return (existing, false) }
        return (SecureRandom.token(bytes: 24), true)
    }

    /// Adds the cookie for a new token to `response`.
    static func finish(_ response: inout Response, token: (token: String, isNew: Bool)) {
        guard token.isNew else { return }
        response.headers.add(
            name: "Set-Cookie",
            value: "\(cookieName)=\(token.token); Path=/; Max-Age=7200; Secure; HttpOnly; SameSite=Strict")
    }

    /// Whether the posted form carries the visitor's token and comes from this site.
    static func accepts(_ context: RequestContext, form: FormData) -> Bool {
        guard isSameOrigin(context) else { return false }
        guard let cookie = context.request.cookie(cookieName), let field = form["csrf_token"] else { return false }
        return constantTimeEquals(Array(cookie.utf8), Array(field.utf8))
    }

    /// A cross-site POST is refused when the browser says so (`Sec-Fetch-Site`) or names another origin.
    static func isSameOrigin(_ context: RequestContext) -> Bool {
        if let site = context.request.header("sec-fetch-site"), site == "cross-site" { return false }
        guard let origin = context.request.header("origin"), origin != "null" else { return true }
        return origin == context.services.configuration.publicURL
    }

    static func isPlausible(_ token: String) -> Bool {
        (16...64).contains(token.utf8.count)
            && token.utf8.allSatisfy {
                ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95
            }
    }
}
