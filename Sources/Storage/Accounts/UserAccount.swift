public import Domain
public import Foundation
import Postgres

/// A person who can sign in (never carries the password hash).
public struct UserAccount: Sendable, Hashable {
    /// Their identifier.
    public let id: UserID
    /// Their e-mail address (unique ignoring case).
    public let email: EmailAddress
    /// When the account was created.
    public let createdAt: Date
    /// When the account was disabled, if it was; a disabled account cannot sign in.
    public let disabledAt: Date?

    /// The columns ``init(row:)`` reads, for `SELECT`s over `users`.
    static let columns = """
        id, email, extract(epoch FROM created_at)::float8 AS created_at,
        extract(epoch FROM disabled_at)::float8 AS disabled_at
        """

    init(row: PostgresRow) throws {
        id = UserID(try row.string("id"))
        email = try EmailAddress.stored(try row.string("email"))
        createdAt = try Timestamp.date(row, "created_at")
        disabledAt = try Timestamp.optionalDate(row, "disabled_at")
    }
}
