import Domain
import Foundation
import Postgres
import Storage

/// The owner removes a member: the membership goes, and the member's sessions and API tokens for the company end
/// at once; audited in the same transaction. A member who belongs to no other company has an account without a
/// purpose left, so its personal data is erased in the same transaction (``ErasureStore``, scope user, via
/// `owner`: address and password gone, the row a disabled shell that orders and audit entries still point to). The
/// owner cannot remove themselves (ownership is not transferable).
struct RemoveMember {
    let database: PostgresConnection

    /// What a removal did.
    enum Outcome: Equatable {
        /// Removed; this many sessions and API tokens ended; whether the account was erased with it.
        case removed(sessions: Int, tokens: Int, accountErased: Bool)
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
            let companyID = principal.companyID
            guard !principal.role.isStaff, try team.isOwner(principal.userID, of: companyID) else {
                return .notOwner
            }
            guard let targetIsOwner = try team.ownership(of: userID, in: companyID) else { return .notFound }
            if targetIsOwner { return .owner }
            let elsewhere = try AccountStore(connection: transaction).memberships(of: userID).contains {
                $0.companyID != companyID
            }
            let outcome: Outcome
            if elsewhere {
                guard
                    case .removed(let sessions, let tokens) = try team.remove(
                        userID: userID, companyID: companyID, now: now)
                else { return .notFound }
                outcome = .removed(sessions: sessions, tokens: tokens, accountErased: false)
            } else {
                guard
                    case .erased(_, let erased, _) = try ErasureStore(connection: transaction).erase(
                        companyID: companyID.rawValue, scope: .user, userID: userID.rawValue,
                        requestedBy: principal.userID.rawValue, via: "owner")
                else { return .notFound }
                outcome = .removed(
                    sessions: erased["sessions"] ?? 0, tokens: erased["api_tokens"] ?? 0, accountErased: true)
            }
            guard case .removed(let sessions, let tokens, let accountErased) = outcome else { return outcome }
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: principal, action: AuditAction("team.member_remove"), target: userID.rawValue, ip: ip,
                    details: [
                        "sessions_ended": String(sessions), "tokens_revoked": String(tokens),
                        "account_erased": String(accountErased),
                    ]))
            return outcome
        }
    }
}
