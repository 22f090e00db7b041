import Domain
import Foundation
import Pages
import Postgres
import Storage

/// The account mails: address verification, password reset, and the notice to an address owner when someone
/// tries to register it again. Each is enqueued in the caller's transaction with ``MailOutbox``.
enum AccountMails {
    /// How long a verification link works.
    static let verificationLifetime = 48 * 3600
    /// How long a password-reset link works (60 minutes).
    static let resetLifetime = 3600
    /// Reset mails per user per hour; more requests are answered the same way and send nothing.
    static let resetsPerHour = 3

    /// The portal page a verification link opens.
    static func verificationPath(_ language: Language) -> String {
        language == .de ? "/de/email-bestaetigen" : "/en/verify-email"
    }

    /// The portal page a reset link opens.
    static func resetPath(_ language: Language) -> String {
        language == .de ? "/de/passwort-zuruecksetzen" : "/en/reset-password"
    }

    /// Issues a verification token for `user` and enqueues the mail with its link.
    static func enqueueVerification(
        userID: UserID, email: String, company: String, language: Language, publicURL: String,
        on connection: PostgresConnection
    ) throws {
        let token = try AccountTokenStore(connection: connection).issue(
            .verifyEmail, userID: userID, email: email, lifetime: verificationLifetime)
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "verify-email", to: email, language: language,
                values: [
                    "company": .text(company), "hours": .number(verificationLifetime / 3600),
                    "link": .link("\(publicURL)\(verificationPath(language))?token=\(token)"),
                ]),
            on: connection)
    }

    /// Issues a reset token for `user` and enqueues the mail, unless the hourly limit is reached.
    static func enqueueReset(
        userID: UserID, email: String, language: Language, publicURL: String, on connection: PostgresConnection
    ) throws {
        let tokens = AccountTokenStore(connection: connection)
        guard try tokens.recentCount(.passwordReset, userID: userID, seconds: 3600) < resetsPerHour else { return }
        let token = try tokens.issue(.passwordReset, userID: userID, email: email, lifetime: resetLifetime)
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "password-reset", to: email, language: language,
                values: [
                    "minutes": .number(resetLifetime / 60),
                    "link": .link("\(publicURL)\(resetPath(language))?token=\(token)"),
                ]),
            on: connection)
    }

    /// Tells the owner of `email` that someone tried to register it (at most once an hour per address).
    static func enqueueAccountExists(
        email: String, language: Language, publicURL: String, on connection: PostgresConnection
    )
        throws
    {
        let hour = Int(Date().timeIntervalSince1970) / 3600
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "account-exists", to: email, language: language,
                values: [
                    "login_link": .link("\(publicURL)/\(language.rawValue)/\(language == .de ? "anmelden" : "login")"),
                    "reset_link": .link("\(publicURL)\(resetPath(language))"),
                ],
                dedupeKey: "account-exists:\(email.lowercased()):\(hour)"),
            on: connection)
    }
}
