public import Domain
public import Foundation
public import Postgres
import Signing

/// Invitations to join a company (`company_invitations`, sql/0110). Only a token's SHA-256 is stored; a token is
/// claimed at most once (an `UPDATE … WHERE accepted_at IS NULL` that a second, concurrent claim finds done), and
/// only before it expires or is revoked. Every query names the company, so another company's invitation is never
/// found. Runs on the caller's connection (inside its transaction when one is open).
public struct InvitationStore {
    /// How long an invitation works: 7 days.
    public static let lifetime = 7 * 24 * 3600

    let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Creates an invitation of `email` to `companyID` valid for ``lifetime`` from `now` and returns it with its
    /// token. Earlier pending invitations of the same address to the company stop working (a new invitation is a
    /// fresh link).
    public func create(
        companyID: CompanyID, email: EmailAddress, role: Role, invitedBy: UserID, language: Language, now: Date
    ) throws -> IssuedInvitation {
        let token = SecureRandom.token(bytes: 32)
        let at = Timestamp.seconds(now)
        try connection.execute(
            """
            UPDATE company_invitations SET revoked_at = to_timestamp(\(at))
            WHERE company_id = \(companyID)::uuid AND lower(email) = \(email.normalized)
              AND accepted_at IS NULL AND revoked_at IS NULL
            """)
        let id = try connection.query(
            """
            INSERT INTO company_invitations (company_id, email, role, token_hash, invited_by, language, created_at,
                                             expires_at)
            VALUES (\(companyID)::uuid, \(email.value), \(role.rawValue), \(SHA256.hash(token)), \(invitedBy)::uuid,
                    \(language.rawValue), to_timestamp(\(at)), to_timestamp(\(at)) + \(Self.lifetime)::int8 * interval '1 second')
            RETURNING id::text AS id
            """)[0].string("id")
        guard let invitation = try invitation(id: id, companyID: companyID) else {
            throw StorageError.invalidStoredValue("company_invitations.id")
        }
        return IssuedInvitation(invitation: invitation, token: token)
    }

    /// The company's invitations that can still be accepted at `now`, oldest first.
    public func pending(companyID: CompanyID, now: Date) throws -> [Invitation] {
        guard UUIDText.isValid(companyID.rawValue) else { return [] }
        return try connection.query(
            """
            SELECT \(unescaped: Invitation.columns) FROM \(unescaped: Invitation.source)
            WHERE i.company_id = \(companyID)::uuid AND i.accepted_at IS NULL AND i.revoked_at IS NULL
              AND i.expires_at > to_timestamp(\(Timestamp.seconds(now)))
            ORDER BY i.created_at, i.id
            """
        ).map(Invitation.init(row:))
    }

    /// The company's invitation `id` in any state (another company's is not found).
    public func invitation(id: String, companyID: CompanyID) throws -> Invitation? {
        guard UUIDText.isValid(id), UUIDText.isValid(companyID.rawValue) else { return nil }
        return try connection.query(
            """
            SELECT \(unescaped: Invitation.columns) FROM \(unescaped: Invitation.source)
            WHERE i.id = \(id)::uuid AND i.company_id = \(companyID)::uuid
            """
        ).first.map(Invitation.init(row:))
    }

    /// The invitation of `token` in any state, or nil for an unknown token.
    public func invitation(token: String) throws -> Invitation? {
        guard !token.isEmpty, token.utf8.count <= 200 else { return nil }
        return try connection.query(
            """
            SELECT \(unescaped: Invitation.columns) FROM \(unescaped: Invitation.source)
            WHERE i.token_hash = \(SHA256.hash(token))
            """
        ).first.map(Invitation.init(row:))
    }

    /// Uses `token` at `now`: the pending invitation, now accepted (by nobody yet: ``recordAcceptance(id:by:)``),
    /// or nil when it is unknown, used, revoked or expired. Of two concurrent claims exactly one gets it.
    public func claim(token: String, now: Date) throws -> Invitation? {
        guard !token.isEmpty, token.utf8.count <= 200 else { return nil }
        let at = Timestamp.seconds(now)
        guard
            let id = try connection.query(
                """
                UPDATE company_invitations SET accepted_at = to_timestamp(\(at))
                WHERE token_hash = \(SHA256.hash(token)) AND accepted_at IS NULL AND revoked_at IS NULL
                  AND expires_at > to_timestamp(\(at))
                RETURNING id::text AS id, company_id::text AS company_id
                """
            ).first
        else { return nil }
        return try invitation(id: try id.string("id"), companyID: CompanyID(try id.string("company_id")))
    }

    /// Records who accepted the claimed invitation `id`.
    public func recordAcceptance(id: String, by userID: UserID) throws {
        try connection.execute(
            """
            UPDATE company_invitations SET accepted_by = \(userID)::uuid
            WHERE id = \(id)::uuid AND accepted_at IS NOT NULL
            """)
    }

    /// Revokes the company's pending invitation `id` at `now`; false when there is none (another company's,
    /// accepted, revoked or expired).
    public func revoke(id: String, companyID: CompanyID, now: Date) throws -> Bool {
        guard UUIDText.isValid(id), UUIDText.isValid(companyID.rawValue) else { return false }
        let at = Timestamp.seconds(now)
        return try connection.execute(
            """
            UPDATE company_invitations SET revoked_at = to_timestamp(\(at))
            WHERE id = \(id)::uuid AND company_id = \(companyID)::uuid AND accepted_at IS NULL AND revoked_at IS NULL
              AND expires_at > to_timestamp(\(at))
            """) == 1
    }
}
