import Domain
import Foundation
import Postgres
import Storage

/// The owner removes a member: the membership goes, and the member's sessions and API tokens for the company end
/// at once; audited in the same transaction. The owner cannot remove themselves (ownership is not transferable).
struct RemoveMember {
    let database: PostgresConnection

    /// What a removal did.
    enum Outcome: Equatable {
        /// Removed; this many sessions and API tokens ended.
        case removed(sessions: Int, tokens: Int)
        /// The caller does not own the company.
        case notOwner
        /// The user is not a member of the caller's company.
        case notFound
        /// The user is the owner (the owner cannot be removed).
        case owner
    }

    /// Removes `userID` from the principal's company at `now`.
    func remove(_ principal: Principal, userID: UserID, ip: String?, now: Date) throws -> Outcome {
        try database.transaction { transaction in
            let team = TeamStore(connection: transaction)
            guard !principal.role.isStaff, try team.isOwner(principal.userID, of: principal.companyID) else {
                return .notOwner
            }
            switch try team.remove(userID: userID, companyID: principal.companyID, now: now) {
            case .notFound: return .notFound
            case .owner: return .owner
            case .removed(let sessions, let tokens):
                try AuditLog(connection: transaction).append(
                    AuditEntry(
                        by: principal, action: AuditAction("team.member_remove"), target: userID.rawValue, ip: ip,
                        details: ["sessions_ended": String(sessions), "tokens_revoked": String(tokens)]))
                return .removed(sessions: sessions, tokens: tokens)
            }
        }
    }
}
