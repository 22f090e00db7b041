import Domain
import Foundation
import Postgres
import Storage

/// Changing one's own password and e-mail address (issue #14, DESIGN §14), shared by the API
/// (`/api/v1/me/password`, `/api/v1/me/email[/confirm]`) and the portal's security page. Outcomes are values;
/// the callers turn them into problems or localized pages.
struct ChangeCredentials {
    let authenticator: Authenticator
    let database: PostgresConnection
    let publicURL: String

    /// What a request to change the e-mail address did.
    enum EmailRequestOutcome: Equatable {
        /// The confirmation link is mailed to the new address.
        case mailed
        /// The current password was wrong.
        case wrongPassword
        /// Too many recent failures.
        case throttled(retryAfter: Int)
        /// The new address is not a valid address.
        case invalidAddress
        /// The new address is the current one.
        case unchanged
        /// Another account uses the new address.
        case taken
    }

    /// Changes the password (the current one required), ends the user's other sessions and mails the notice, in
    /// one transaction.
    func changePassword(
        _ caller: Caller, current: String, new: String, language: Language, ip: String?
    ) throws -> PasswordChangeOutcome {
        let email = caller.principal.email.value
        let publicURL = publicURL
        return try authenticator.changePassword(
            caller.principal, current: current, new: new, keeping: caller.sessionToken, ip: ip, now: Date()
        ) { transaction in
            try SelfServiceMails.enqueuePasswordChanged(
                email: email, language: language, publicURL: publicURL, on: transaction)
        }
    }

    /// Mails a confirmation link to `newEmail` after checking the current password; the address changes only
    /// when the link is opened (``confirmEmailChange(token:language:ip:)``).
    func requestEmailChange(
        _ caller: Caller, password: String, newEmail rawEmail: String, language: Language, ip: String?
    ) throws -> EmailRequestOutcome {
        guard case .success(let newEmail) = EmailAddress.parse(rawEmail) else { return .invalidAddress }
        if newEmail.normalized == caller.principal.email.normalized { return .unchanged }
        switch try authenticator.reauthenticate(
            caller.principal, password: password, ip: ip, now: Date(), action: AuditAction("account.email_change"))
        {
        case .wrongPassword: return .wrongPassword
        case .throttled(let seconds): return .throttled(retryAfter: seconds)
        case .confirmed: break
        }
        let userID = caller.principal.userID
        let publicURL = publicURL
        return try database.transaction { transaction in
            if try AccountStore(connection: transaction).user(email: newEmail) != nil { return .taken }
            try SelfServiceMails.enqueueEmailChange(
                userID: userID, newEmail: newEmail.value, language: language, publicURL: publicURL, on: transaction)
            return .mailed
        }
    }

    /// Uses an e-mail-change token: the address becomes the one it was mailed to, the old address is told and
    /// the user's sessions stay. nil when the token is unknown, used or expired; `.taken`/`.stale` write nothing.
    func confirmEmailChange(
        token: String, language: Language, ip: String?
    ) throws
        -> AccountStore.EmailChangeOutcome?
    {
        let publicURL = publicURL
        do {
            return try database.transaction { transaction -> AccountStore.EmailChangeOutcome? in
                guard
                    let redemption = try AccountTokenStore(connection: transaction).redeem(
                        token, purpose: .changeEmail),
                    case .success(let newEmail) = EmailAddress.parse(redemption.email)
                else { return nil }
                let accounts = AccountStore(connection: transaction)
                guard let user = try accounts.user(id: redemption.userID) else { return .stale }
                let outcome = try accounts.changeEmail(
                    user.id, from: user.email.value, to: newEmail, ip: ip)
                guard outcome == .changed else { throw Unchanged(outcome: outcome) }
                try SelfServiceMails.enqueueEmailChanged(
                    oldEmail: user.email.value, newEmail: newEmail.value, language: language, publicURL: publicURL,
                    on: transaction)
                return .changed
            }
        } catch let unchanged as Unchanged {
            // Rolled back: the token stays unused, so the user can retry once the address is free.
            return unchanged.outcome
        }
    }

    /// Rolls a confirmation back without using the token.
    private struct Unchanged: Error {
        let outcome: AccountStore.EmailChangeOutcome
    }
}
