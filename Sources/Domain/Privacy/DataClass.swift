/// A class of personal data the company keeps, named after what it is, not where it lives. Each class has
/// exactly one rule in ``RetentionSchedule`` (a test checks it), which says how long it is kept and what then
/// happens to it.
public enum DataClass: String, Sendable, CaseIterable, Hashable {
    /// nginx's access and error logs (IP address, time, URL, browser).
    case serverLogs = "server_logs"
    /// Messages sent through the contact form.
    case contactRequests = "contact_requests"
    /// Support requests from the client portal and their messages (client and staff).
    case supportRequests = "support_requests"
    /// Proof of the cookie banner decisions (pseudonymous id, time, version, purposes).
    case consentRecords = "consent_records"
    /// Signed-in sessions (IP address and browser of the sign-in).
    case sessions
    /// E-mail verification and password-reset links.
    case accountTokens = "account_tokens"
    /// Invitations to join a company (invited address, inviter, state; the token only as a hash).
    case invitations
    /// Failed sign-ins, failed second-factor codes and request counters used for throttling.
    case securityCounters = "security_counters"
    /// Stripe's webhook events (payloads carry names and e-mail addresses).
    case webhookPayloads = "webhook_payloads"
    /// Mails sent by the site (verification, receipts, notices) with their rendered message.
    case sentMail = "sent_mail"
    /// The security audit log (who did what, when, from where).
    case auditLog = "audit_log"
    /// Finished background jobs.
    case finishedJobs = "finished_jobs"
    /// The client account: users, company master data, memberships, API tokens, orders, purchases,
    /// subscriptions and usage.
    case account
    /// Invoices, corrections and their XML/PDF documents (GoBD: kept unaltered).
    case invoices
    /// The records of erasure requests: what was erased, what was kept and why.
    case erasureRecords = "erasure_records"
}
