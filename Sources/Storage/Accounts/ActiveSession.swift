public import Domain
public import Foundation
import Signing

/// A valid session found by ``SessionStore/resolve(token:now:)``.
public struct ActiveSession: Sendable, Hashable {
    /// Who it belongs to (role read fresh from the membership, so role changes apply at once).
    public let principal: Principal
    /// The CSRF token of this session (for forms rendered on the server).
    public let csrfToken: String
    /// When it was created (at login).
    public let createdAt: Date
    /// When it expires at the latest.
    public let expiresAt: Date

    /// Whether `presented` (the `X-CSRF-Token` header or the form field) is this session's CSRF token,
    /// compared in constant time. A missing token is `false` (the App answers 403).
    public func acceptsCSRFToken(_ presented: String?) -> Bool {
        guard let presented else { return false }
        return constantTimeEquals(Array(presented.utf8), Array(csrfToken.utf8))
    }
}
