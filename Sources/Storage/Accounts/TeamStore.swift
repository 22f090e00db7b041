public import Domain
public import Foundation
public import Postgres

/// A company's members (`memberships` with their users): listing, joining after an invitation, removal. Every
/// query names the company, so another company's member is never found. Runs on the caller's connection (inside
/// its transaction when one is open); the use cases audit.
public struct TeamStore {
    /// What ``remove(userID:companyID:now:)`` did.
    public enum Removal: Sendable, Hashable {
        /// The membership is gone; this many sessions and API tokens of the user for the company ended.
        case removed(sessions: Int, tokens: Int)
        /// The user is not a member of the company.
        case notFound
        /// The user owns the company (an owner is never removed).
        case owner
    }

    let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The company's members, the owner first, then by joining time.
    public func members(companyID: CompanyID) throws -> [TeamMember] {
        guard UUIDText.isValid(companyID.rawValue) else { return [] }
        return try connection.query(
            """
            SELECT m.user_id::text AS user_id, u.email, m.role, m.is_owner,
                   extract(epoch FROM m.created_at)::float8 AS joined_at
            FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.company_id = \(companyID)::uuid
            ORDER BY m.is_owner DESC, m.created_at, m.user_id
            """
        ).map(TeamMember.init(row:))
    }

    /// Whether `userID` owns `companyID`.
    public func isOwner(_ userID: UserID, of companyID: CompanyID) throws -> Bool {
        guard UUIDText.isValid(userID.rawValue), UUIDText.isValid(companyID.rawValue) else { return false }
        return try !connection.query(
            """
            SELECT 1 FROM memberships
            WHERE user_id = \(userID)::uuid AND company_id = \(companyID)::uuid AND is_owner
            """
        ).isEmpty
    }

    /// Whether `userID` owns `companyID` (true) or is a plain member (false); nil when not a member. Locks the
    /// membership row for the caller's transaction.
    public func ownership(of userID: UserID, in companyID: CompanyID) throws -> Bool? {
        guard UUIDText.isValid(userID.rawValue), UUIDText.isValid(companyID.rawValue) else { return nil }
        return try connection.query(
            """
            SELECT is_owner FROM memberships WHERE user_id = \(userID)::uuid AND company_id = \(companyID)::uuid
            FOR UPDATE
            """
        ).first.map { try $0.bool("is_owner") }
    }

    /// How many members `companyID` has and whether `userID` is its owner (false when not a member).
    public func headcount(of companyID: CompanyID, owner userID: UserID) throws -> (members: Int, isOwner: Bool) {
        let row = try connection.query(
            """
            SELECT count(*)::bigint AS n, bool_or(user_id = \(userID.rawValue)::uuid AND is_owner) AS owner
            FROM memberships WHERE company_id = \(companyID.rawValue)::uuid
            """
        )[0]
        return (try row.int("n"), try row.optionalBool("owner") ?? false)
    }

    /// Whether a user with this address (ignoring case) is a member of `companyID`.
    public func hasMember(email: EmailAddress, companyID: CompanyID) throws -> Bool {
        try !connection.query(
            """
            SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
            WHERE m.company_id = \(companyID)::uuid AND lower(u.email) = \(email.normalized)
            """
        ).isEmpty
    }

    /// Makes `userID` a member of `companyID` with `role` (not the owner) at `now`.
    public func join(_ userID: UserID, companyID: CompanyID, role: Role, now: Date) throws {
        try connection.execute(
            """
            INSERT INTO memberships (user_id, company_id, role, is_owner, created_at)
            VALUES (\(userID)::uuid, \(companyID)::uuid, \(role.rawValue), false, to_timestamp(\(Timestamp.seconds(now))))
            """)
    }

    /// Removes `userID` from `companyID` at `now` and ends the user's sessions and API tokens for that company.
    public func remove(userID: UserID, companyID: CompanyID, now: Date) throws -> Removal {
        guard UUIDText.isValid(userID.rawValue), UUIDText.isValid(companyID.rawValue) else { return .notFound }
        let rows = try connection.query(
            """
            SELECT is_owner FROM memberships WHERE user_id = \(userID)::uuid AND company_id = \(companyID)::uuid
            FOR UPDATE
            """)
        guard let row = rows.first else { return .notFound }
        if try row.bool("is_owner") { return .owner }
        let at = Timestamp.seconds(now)
        try connection.execute(
            "DELETE FROM memberships WHERE user_id = \(userID)::uuid AND company_id = \(companyID)::uuid")
        let sessions = try connection.execute(
            """
            UPDATE sessions SET revoked_at = to_timestamp(\(at))
            WHERE user_id = \(userID)::uuid AND company_id = \(companyID)::uuid AND revoked_at IS NULL
            """)
        let tokens = try connection.execute(
            """
            UPDATE api_tokens SET revoked_at = to_timestamp(\(at))
            WHERE user_id = \(userID)::uuid AND company_id = \(companyID)::uuid AND revoked_at IS NULL
            """)
        return .removed(sessions: sessions, tokens: tokens)
    }
}
