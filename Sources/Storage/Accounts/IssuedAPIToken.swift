import Foundation

/// A new personal API token: the secret is in ``token`` this once; only its SHA-256 is stored.
public struct IssuedAPIToken: Sendable, Hashable {
    /// Its summary (id, name, prefix, times).
    public let summary: APITokenSummary
    /// The secret to send as `Authorization: Bearer <token>`: `cz_` and 43 base64url characters.
    public let token: String
}
