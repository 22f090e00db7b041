public import Domain
import Postgres

extension AccountStore {
    /// What ``changeEmail(_:from:to:ip:)`` did.
    public enum EmailChangeOutcome: Sendable, Hashable {
        /// The address is now the new one (and verified: the link was opened there).
        case changed
        /// Another account uses the new address (nothing changed).
        case taken
        /// The user is gone, disabled, or changed the address meanwhile (the link is stale; nothing changed).
        case stale
    }

    /// Changes `userID`'s address from `old` to `new`, marks it verified (the user opened the link mailed to it)
    /// and audits it, in the caller's transaction.
    public func changeEmail(
        _ userID: UserID, from old: String, to new: EmailAddress, ip: String?
    ) throws
        -> EmailChangeOutcome
    {
        guard UUIDText.isValid(userID.rawValue) else { return .stale }
        if let owner = try user(email: new), owner.id != userID { return .taken }
        let changed: Int
        do {
            changed = try connection.execute(
                """
                UPDATE users SET email = \(new.value), email_verified_at = now()
                WHERE id = \(userID)::uuid AND lower(email) = lower(\(old)) AND disabled_at IS NULL
                """)
        } catch let error as PostgresError where error.isUniqueViolation {
            return .taken
        }
        guard changed == 1 else { return .stale }
        try AuditLog(connection: connection).append(
            AuditEntry(
                actor: userID, companyID: nil, action: AuditAction("account.email_change"), target: userID.rawValue,
                ip: ip, outcome: .success))
        return .changed
    }
}
