import Domain
import Foundation
import Postgres
import Signing
import Storage

/// Accepting an invitation from the link in its mail (issue #14 item 4). The invited person sets a password (the
/// one ``PasswordPolicy``) and gets an account with a verified address — the mail proved it — that joins the
/// company with the invitation's role, and is signed in. One transaction: the token is claimed (a concurrent
/// second accept finds it used), the account and membership are written, the acceptance is audited.
///
/// A user belongs to one company: sign-in acts for a user's first membership and there is no way to switch, so an
/// address whose account is a member of ANOTHER company is refused (``Outcome/otherCompany``) and nothing is
/// written; an account left without any company (removed earlier) joins with the new password, as after a reset.
struct AcceptInvitation {
    let database: PostgresConnection
    let passwordParameters: PasswordHash.Parameters

    /// What an acceptance did.
    enum Outcome: Sendable {
        /// The account is a member now and signed in with `session`.
        case joined(Invitation, UserID, IssuedSession)
        /// The token is unknown (nil) or the invitation is no longer pending (expired, used or revoked).
        case unavailable(Invitation.State?)
        /// The password breaks the password policy.
        case weakPassword(PasswordPolicy.Rejection)
        /// The address belongs to an account of another company.
        case otherCompany
        /// The address already belongs to a member of this company.
        case alreadyMember
        /// The address belongs to a disabled account.
        case disabled
    }

    /// The invitation a link's token names (any state), for the accept page.
    func invitation(token: String) throws -> Invitation? {
        try InvitationStore(connection: database).invitation(token: token)
    }

    /// Accepts the invitation of `token` with `password` at `now`.
    func accept(token: String, password: String, ip: String?, userAgent: String?, now: Date) throws -> Outcome {
        guard let found = try invitation(token: token) else { return .unavailable(nil) }
        guard found.state(at: now) == .pending else { return .unavailable(found.state(at: now)) }
        guard let email = EmailAddress(found.email) else { return .unavailable(nil) }
        if let rejection = PasswordPolicy.standard.check(password, email: email) { return .weakPassword(rejection) }
        let parameters = passwordParameters
        do {
            return try database.transaction { transaction in
                let invitations = InvitationStore(connection: transaction)
                guard let invitation = try invitations.claim(token: token, now: now) else {
                    throw Refusal(outcome: .unavailable(try invitations.invitation(token: token)?.state(at: now)))
                }
                let accounts = AccountStore(connection: transaction, passwordParameters: parameters)
                let userID: UserID
                if let existing = try accounts.user(email: email) {
                    if existing.disabledAt != nil { throw Refusal(outcome: .disabled) }
                    let memberships = try accounts.memberships(of: existing.id)
                    if memberships.contains(where: { $0.companyID == invitation.companyID }) {
                        throw Refusal(outcome: .alreadyMember)
                    }
                    if !memberships.isEmpty { throw Refusal(outcome: .otherCompany) }
                    try accounts.prepareForInvitation(existing.id, password: password, now: now)
                    userID = existing.id
                } else {
                    guard let created = try accounts.createInvitedUser(email: email, password: password) else {
                        throw Refusal(outcome: .otherCompany)
                    }
                    userID = created.id
                }
                try TeamStore(connection: transaction).join(
                    userID, companyID: invitation.companyID, role: invitation.role, now: now)
                try invitations.recordAcceptance(id: invitation.id, by: userID)
                try AuditLog(connection: transaction).append(
                    AuditEntry(
                        actor: userID, companyID: invitation.companyID, action: AuditAction("team.invitation_accept"),
                        target: invitation.id, ip: ip, outcome: .success,
                        details: ["role": invitation.role.rawValue, "invited_by": invitation.invitedBy?.rawValue ?? ""]
                    ))
                let session = try SessionStore(connection: transaction).create(
                    userID: userID, companyID: invitation.companyID, ip: ip, userAgent: userAgent, now: now)
                return .joined(invitation, userID, session)
            }
        } catch let refusal as Refusal {
            // Rolled back: nothing is written and the token stays as it was.
            return refusal.outcome
        }
    }

    /// Rolls an acceptance back.
    private struct Refusal: Error {
        let outcome: Outcome
    }
}
