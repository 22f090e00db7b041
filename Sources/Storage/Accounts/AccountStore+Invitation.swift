public import Domain
public import Foundation
import Postgres

extension AccountStore {
    /// Creates the account of an invited person with a verified address (the invitation mail proved it), in the
    /// caller's transaction; nil when the address is taken meanwhile (nothing written). The App checks `password`
    /// against the password policy first.
    public func createInvitedUser(email: EmailAddress, password: String) throws -> UserAccount? {
        let hash = try hashPassword(password)
        return try connection.query(
            """
            INSERT INTO users (email, password_hash, email_verified_at) VALUES (\(email.value), \(hash), now())
            ON CONFLICT DO NOTHING
            RETURNING \(unescaped: UserAccount.columns)
            """
        ).first.map(UserAccount.init(row:))
    }

    /// Gives an existing account without any company (removed from one earlier) a new password and a verified
    /// address before it joins through an invitation (the mail proved the address, as a reset link does); its
    /// old sessions end. In the caller's transaction.
    public func prepareForInvitation(_ userID: UserID, password: String, now: Date) throws {
        let hash = try hashPassword(password)
        try connection.execute(
            "UPDATE users SET password_hash = \(hash), email_verified_at = coalesce(email_verified_at, now()) WHERE id = \(userID)::uuid"
        )
        try connection.execute(
            """
            UPDATE sessions SET revoked_at = to_timestamp(\(Timestamp.seconds(now)))
            WHERE user_id = \(userID)::uuid AND revoked_at IS NULL
            """)
    }
}
