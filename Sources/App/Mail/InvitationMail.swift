import CivilTime
import Domain
import Foundation
import Pages
import Postgres
import Storage

/// The team invitation mail (issue #12, issue #14 item 4): the company, who invites, the link to the accept page
/// and when it expires, in the inviter's language. Enqueued with ``MailOutbox`` in the transaction that stores the
/// invitation, so the mail exists exactly when the invitation does.
enum InvitationMail {
    /// The accept page a link opens (`?token=`).
    static func acceptPath(_ language: Language) -> String {
        language == .de ? "/de/portal/einladung" : "/en/portal/invitation"
    }

    /// Enqueues the mail for `issued` (its token goes only into the link).
    static func enqueue(_ issued: IssuedInvitation, publicURL: String, on connection: PostgresConnection) throws {
        let invitation = issued.invitation
        let language = invitation.language
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "team-invitation", to: invitation.email, language: language,
                values: [
                    "company": .text(invitation.companyName),
                    "inviter": .text(invitation.inviterEmail ?? ""),
                    "days": .number(InvitationStore.lifetime / 86_400),
                    "expires": .date(isoDay(invitation.expiresAt)),
                    "link": .link("\(publicURL)\(acceptPath(language))?token=\(issued.token)"),
                ],
                dedupeKey: "team-invitation:\(invitation.id)"),
            on: connection)
    }

    /// The UTC day of `date` as `YYYY-MM-DD` (the mail shows it in the recipient's language).
    static func isoDay(_ date: Date) -> String {
        CivilFormat.isoDate(
            dayNumber: CivilCalendar.dayNumber(ofSeconds: Int64(date.timeIntervalSince1970.rounded(.down))))
    }
}
