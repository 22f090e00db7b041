import Domain
public import Foundation
import Postgres

/// A personal API token as lists show it: never the secret.
public struct APITokenSummary: Sendable, Hashable {
    /// Its identifier (for `DELETE /api/v1/auth/tokens/{id}`).
    public let id: String
    /// The name its owner gave it.
    public let name: String
    /// Its first characters (`cz_` and 6 more), to recognise it.
    public let prefix: String
    /// When it was created.
    public let createdAt: Date
    /// When it was last used, if ever (written at most once a minute).
    public let lastUsedAt: Date?
    /// When it was revoked, if it was.
    public let revokedAt: Date?

    static let columns = """
        id, name, prefix, extract(epoch FROM created_at)::float8 AS created_at,
        extract(epoch FROM last_used_at)::float8 AS last_used_at, extract(epoch FROM revoked_at)::float8 AS revoked_at
        """

    init(row: PostgresRow) throws {
        id = try row.string("id")
        name = try row.string("name")
        prefix = try row.string("prefix")
        createdAt = try Timestamp.date(row, "created_at")
        lastUsedAt = try Timestamp.optionalDate(row, "last_used_at")
        revokedAt = try Timestamp.optionalDate(row, "revoked_at")
    }
}
