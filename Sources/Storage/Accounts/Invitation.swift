public import Domain
public import Foundation
import Postgres

/// An invitation to join a company (`company_invitations`, sql/0110), never with its token.
public struct Invitation: Sendable, Hashable {
    /// Where it stands.
    public enum State: String, Sendable, Hashable {
        /// Can be accepted.
        case pending
        /// Accepted once (it never works again).
        case accepted
        /// Revoked by the owner.
        case revoked
        /// Its 7 days are over.
        case expired
    }

    /// The invitation's id.
    public let id: String
    /// The company it invites to.
    public let companyID: CompanyID
    /// The company's name.
    public let companyName: String
    /// The invited address (as typed by the owner).
    public let email: String
    /// The role the new member gets.
    public let role: Role
    /// Who invited (nil once that user is gone).
    public let invitedBy: UserID?
    /// The inviter's address, if the inviter still exists.
    public let inviterEmail: String?
    /// The language of the invitation mail (the accept page uses it too).
    public let language: Language
    /// When it was created.
    public let createdAt: Date
    /// When it stops working.
    public let expiresAt: Date
    /// When it was accepted, if it was.
    public let acceptedAt: Date?
    /// When it was revoked, if it was.
    public let revokedAt: Date?

    /// The state at `now`.
    public func state(at now: Date) -> State {
        if acceptedAt != nil { return .accepted }
        if revokedAt != nil { return .revoked }
        return expiresAt > now ? .pending : .expired
    }

    /// The columns ``init(row:)`` reads, for `SELECT`s over `company_invitations i JOIN companies c` with the
    /// inviter `LEFT JOIN users u ON u.id = i.invited_by`.
    static let columns = """
        i.id::text AS id, i.company_id::text AS company_id, c.name AS company_name, i.email, i.role,
        i.invited_by::text AS invited_by, u.email AS inviter_email, i.language,
        extract(epoch FROM i.created_at)::float8 AS created_at, extract(epoch FROM i.expires_at)::float8 AS expires_at,
        extract(epoch FROM i.accepted_at)::float8 AS accepted_at, extract(epoch FROM i.revoked_at)::float8 AS revoked_at
        """

    /// The `FROM` part matching ``columns``.
    static let source = """
        company_invitations i JOIN companies c ON c.id = i.company_id LEFT JOIN users u ON u.id = i.invited_by
        """

    init(row: PostgresRow) throws {
        id = try row.string("id")
        companyID = CompanyID(try row.string("company_id"))
        companyName = try row.string("company_name")
        email = try row.string("email")
        role = try Role.stored(try row.string("role"))
        invitedBy = try row.optionalString("invited_by").map(UserID.init)
        inviterEmail = try row.optionalString("inviter_email")
        language = try row.string("language") == "en" ? .en : .de
        createdAt = try Timestamp.date(row, "created_at")
        expiresAt = try Timestamp.date(row, "expires_at")
        acceptedAt = try Timestamp.optionalDate(row, "accepted_at")
        revokedAt = try Timestamp.optionalDate(row, "revoked_at")
    }
}
