public import Domain
public import Foundation
import Postgres

/// One member of a company as its team sees it: who, with which role, whether they own it, since when.
public struct TeamMember: Sendable, Hashable {
    /// The person.
    public let userID: UserID
    /// Their address.
    public let email: String
    /// Their role in the company.
    public let role: Role
    /// Whether they own the company (the one who invites and removes).
    public let isOwner: Bool
    /// When they joined.
    public let joinedAt: Date

    init(row: PostgresRow) throws {
        userID = UserID(try row.string("user_id"))
        email = try row.string("email")
        role = try Role.stored(try row.string("role"))
        isOwner = try row.bool("is_owner")
        joinedAt = try Timestamp.date(row, "joined_at")
    }
}
