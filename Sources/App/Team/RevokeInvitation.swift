import Domain
import Foundation
import Postgres
import Storage

/// The owner revokes a pending invitation (its link stops working), audited in the same transaction.
struct RevokeInvitation {
    let database: PostgresConnection

    /// What a revocation did.
    enum Outcome: Equatable {
        /// The link no longer works.
        case revoked
        /// The caller does not own the company.
        case notOwner
        /// No pending invitation with this id in the caller's company (another company's is not found either).
        case notFound
    }

    /// Revokes invitation `id` of the principal's company at `now`.
    func revoke(_ principal: Principal, id: String, ip: String?, now: Date) throws -> Outcome {
        try database.transaction { transaction in
            guard !principal.role.isStaff,
                try TeamStore(connection: transaction).isOwner(principal.userID, of: principal.companyID)
            else { return .notOwner }
            guard
                try InvitationStore(connection: transaction).revoke(id: id, companyID: principal.companyID, now: now)
            else { return .notFound }
            try AuditLog(connection: transaction).append(
                AuditEntry(by: principal, action: AuditAction("team.invitation_revoke"), target: id, ip: ip))
            return .revoked
        }
    }
}
