import Domain
import Pages
import Postgres
import Storage

/// The self-service mails (issue #14): the notice after a password change, the confirmation link for a new
/// e-mail address (mailed to the new address) and the notice to the old address once it changed. Each is
/// enqueued in the caller's transaction with ``MailOutbox``.
enum SelfServiceMails {
    /// How long an e-mail-change link works.
    static let emailChangeLifetime = 24 * 3600

    /// Tells `email` that the account's password was changed (with the reset link for the case it was not them).
    static func enqueuePasswordChanged(
        email: String, language: Language, publicURL: String, on connection: PostgresConnection
    ) throws {
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "password-changed", to: email, language: language,
                values: ["reset_link": .link("\(publicURL)\(AccountMails.resetPath(language))")]),
            on: connection)
    }

    /// Issues an e-mail-change token for `userID` whose `email` is `newEmail` and mails its link there.
    static func enqueueEmailChange(
        userID: UserID, newEmail: String, language: Language, publicURL: String, on connection: PostgresConnection
    ) throws {
        let token = try AccountTokenStore(connection: connection).issue(
            .changeEmail, userID: userID, email: newEmail, lifetime: emailChangeLifetime)
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "email-change", to: newEmail, language: language,
                values: [
                    "hours": .number(emailChangeLifetime / 3600),
                    "link": .link("\(publicURL)\(confirmPath(language))?token=\(token)"),
                ]),
            on: connection)
    }

    /// Tells the previous address `oldEmail` that the account's address is now `newEmail`.
    static func enqueueEmailChanged(
        oldEmail: String, newEmail: String, language: Language, publicURL: String, on connection: PostgresConnection
    ) throws {
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "email-changed", to: oldEmail, language: language,
                values: [
                    "new_email": .text(newEmail),
                    "contact_link": .link(
                        "\(publicURL)/\(language.rawValue)/\(language == .de ? "kontakt" : "contact")"),
                ]),
            on: connection)
    }

    /// The page an e-mail-change link opens.
    static func confirmPath(_ language: Language) -> String {
        language == .de ? "/de/email-aendern" : "/en/change-email"
    }
}
