import Domain
import Foundation
import Postgres
import Storage

/// The company's owner invites a colleague by e-mail (issue #14 item 4): the invitation row, its audit entry and the
/// invitation mail are written in one transaction. Shared by `POST /api/v1/company/invitations` and the portal's
/// team page; outcomes are values the callers turn into problems or localized pages.
struct InviteMember {
    let database: PostgresConnection
    let publicURL: String

    /// What an invitation did.
    enum Outcome: Equatable {
        /// Stored and mailed.
        case invited(Invitation)
        /// The caller does not own the company (only the owner invites).
        case notOwner
        /// The address is not a valid e-mail address.
        case invalidAddress
        /// A member of the company already has this address.
        case alreadyMember
    }

    /// Invites `rawEmail` to the principal's company with `role`; the mail is in `language`.
    func invite(
        _ principal: Principal, email rawEmail: String, role: Role, language: Language, ip: String?, now: Date
    ) throws -> Outcome {
        guard case .success(let email) = EmailAddress.parse(rawEmail) else { return .invalidAddress }
        let publicURL = publicURL
        return try database.transaction { transaction in
            let team = TeamStore(connection: transaction)
            guard !principal.role.isStaff, try team.isOwner(principal.userID, of: principal.companyID) else {
                return .notOwner
            }
            if try team.hasMember(email: email, companyID: principal.companyID) { return .alreadyMember }
            let issued = try InvitationStore(connection: transaction).create(
                companyID: principal.companyID, email: email, role: role, invitedBy: principal.userID,
                language: language, now: now)
            try InvitationMail.enqueue(issued, publicURL: publicURL, on: transaction)
            try AuditLog(connection: transaction).append(
                AuditEntry(
                    by: principal, action: AuditAction("team.invite"), target: issued.invitation.id, ip: ip,
                    details: ["role": role.rawValue]))
            return .invited(issued.invitation)
        }
    }
}
