public import Domain
import Postgres

extension AccountStore {
    /// Marks `userID`'s address verified, if it is still `email` (a changed address needs a new link).
    /// Returns whether a user was marked (or already was).
    public func markEmailVerified(_ userID: UserID, email: String) throws -> Bool {
        try connection.execute(
            """
            UPDATE users SET email_verified_at = coalesce(email_verified_at, now())
            WHERE id = \(userID)::uuid AND lower(email) = lower(\(email))
            """) == 1
    }

    /// Whether `userID` has verified their current address.
    public func isEmailVerified(_ userID: UserID) throws -> Bool {
        try connection.query(
            "SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = \(userID)::uuid"
        ).first?.bool("verified") ?? false
    }

    /// Sets a new password for `userID` (checked against `policy`), revokes every session of the user and
    /// audits it, in the caller's transaction. Returns the policy's rejection instead when the password is weak.
    public func resetPassword(
        _ userID: UserID, to password: String, email: EmailAddress?, ip: String?, policy: PasswordPolicy = .standard
    ) throws -> PasswordPolicy.Rejection? {
        if let rejection = policy.check(password, email: email) { return rejection }
        try setPasswordHash(try hashPassword(password), for: userID)
        try connection.execute(
            "UPDATE sessions SET revoked_at = now() WHERE user_id = \(userID)::uuid AND revoked_at IS NULL")
        try AuditLog(connection: connection).append(
            AuditEntry(
                actor: userID, companyID: nil, action: AuditAction("password.reset"), target: userID.rawValue, ip: ip,
                outcome: .success))
        return nil
    }
}
