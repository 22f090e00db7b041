import Domain
import Mail
import Pages
import Postgres

/// The operator hears of every lead: a mail to `CODEZERO_LEADS_TO` with the contact form's data, enqueued in
/// the transaction that stores the lead; replies go to the lead's address.
enum LeadNotificationMail {
    /// Enqueues the notification of lead `leadID`.
    static func enqueue(
        leadID: Int, submission: ContactForm.Submission, language: Language, to recipient: String,
        on connection: PostgresConnection
    ) throws {
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "lead-notification", to: recipient,
                // The form accepts a few addresses SMTP headers cannot carry safely; those get no Reply-To.
                replyTo: MailAddress.isValid(submission.email) ? submission.email : nil, language: .de,
                values: [
                    "lead_id": .number(leadID), "name": .text(submission.name), "company": .text(submission.company),
                    "email": .text(submission.email), "phone": .text(submission.phone.isEmpty ? "–" : submission.phone),
                    "message": .text(submission.message), "language": .text(language == .de ? "Deutsch" : "Englisch"),
                ],
                dedupeKey: "lead:\(leadID)"),
            on: connection)
    }
}
