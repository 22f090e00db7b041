/// The retention table (issue #14, DESIGN §14): the ONE place that says how long each class of personal data is
/// kept. The jobs process's retention job deletes by it, the privacy page renders its periods from it (both
/// languages), `nginx/codezero-logrotate` and the development stack's log rotation use its server-log period,
/// and `docs/privacy/` is checked against it.
public enum RetentionSchedule {
    /// How long a cookie-banner decision stays valid (the consent cookies' Max-Age); a consent also ends when a
    /// newer decision replaces it.
    public static let consentLifetimeDays = 365

    /// Every rule, one per ``DataClass``, in the order the privacy page lists them.
    public static let rules: [RetentionRule] = [
        RetentionRule(
            .serverLogs,
            name: LocalizedText(de: "Server-Protokolle (nginx)", en: "Server logs (nginx)"),
            purpose: LocalizedText(
                de: "Auslieferung der Website, Erkennung und Aufklärung von Angriffen",
                en: "Delivering the website, detecting and investigating attacks"),
            basis: .legitimateInterest, period: .days(14), start: .recorded, end: .deleted,
            recipients: [.hosting], storage: ["nginx:nginx-access.log", "nginx:nginx-error.log"]),
        RetentionRule(
            .contactRequests,
            name: LocalizedText(de: "Anfragen über das Kontaktformular", en: "Contact form requests"),
            purpose: LocalizedText(
                de: "Beantwortung Ihrer Anfrage und Anbahnung eines Vertrags",
                en: "Answering your request and preparing a contract"),
            basis: .contract, period: .years(2), start: .recorded, end: .deleted,
            recipients: [.hosting, .mailRelay], storage: ["contact_requests"]),
        RetentionRule(
            .supportRequests,
            name: LocalizedText(
                de: "Supportanfragen aus dem Kundenportal und ihre Nachrichten",
                en: "Support requests from the client portal and their messages"),
            purpose: LocalizedText(
                de: "Beantwortung Ihrer Fragen zu Bestellungen, Rechnungen und Leistungen",
                en: "Answering your questions about orders, invoices and services"),
            basis: .contract, period: .years(2), start: .ended, end: .deleted,
            recipients: [.hosting, .mailRelay], storage: ["support_requests", "support_messages"]),
        RetentionRule(
            .consentRecords,
            name: LocalizedText(de: "Einwilligungsnachweise (Cookie-Banner)", en: "Consent records (cookie banner)"),
            purpose: LocalizedText(
                de: "Nachweis Ihrer Entscheidung (Art. 7 Abs. 1 DSGVO)",
                en: "Proof of your decision (Art. 7 (1) GDPR)"),
            basis: .legalObligation(statutes: [LocalizedText(de: "Art. 7 Abs. 1 DSGVO", en: "Art. 7 (1) GDPR")]),
            period: .years(3), start: .ended,
            end: .deleted, recipients: [.hosting], storage: ["consent_records"]),
        RetentionRule(
            .sessions,
            name: LocalizedText(de: "Anmeldesitzungen", en: "Sign-in sessions"),
            purpose: LocalizedText(
                de: "Angemeldet bleiben; Ihre Sitzungen im Kundenkonto anzeigen und beenden",
                en: "Keeping you signed in; listing and ending your sessions in the account"),
            basis: .contract, period: .days(0), start: .ended, end: .deleted, recipients: [.hosting],
            storage: ["sessions"]),
        RetentionRule(
            .accountTokens,
            name: LocalizedText(
                de: "Links zur E-Mail-Bestätigung und Passwort-Zurücksetzung",
                en: "E-mail confirmation and password-reset links"),
            purpose: LocalizedText(
                de: "Bestätigung Ihrer Adresse, Zurücksetzen Ihres Passworts",
                en: "Confirming your address, resetting your password"),
            basis: .contract, period: .days(0), start: .ended, end: .deleted, recipients: [.hosting],
            storage: ["account_tokens"]),
        RetentionRule(
            .invitations,
            name: LocalizedText(de: "Einladungen in ein Unternehmenskonto", en: "Invitations to a company account"),
            purpose: LocalizedText(
                de: "Beitritt von Kolleginnen und Kollegen zum Kundenkonto des Unternehmens",
                en: "Letting colleagues join the company's client account"),
            basis: .contract, period: .days(30), start: .ended, end: .deleted, recipients: [.hosting, .mailRelay],
            storage: ["company_invitations"]),
        RetentionRule(
            .securityCounters,
            name: LocalizedText(
                de: "Fehlgeschlagene Anmeldungen und Anfragezähler",
                en: "Failed sign-ins and request counters"),
            purpose: LocalizedText(
                de: "Schutz vor dem Erraten von Passwörtern und vor Überlastung",
                en: "Protection against password guessing and overload"),
            basis: .legitimateInterest, period: .days(1), start: .recorded, end: .deleted,
            recipients: [.hosting], storage: ["login_failures", "second_factor_failures", "rate_limit_counts"]),
        RetentionRule(
            .webhookPayloads,
            name: LocalizedText(
                de: "Zahlungsnachrichten von Stripe (Webhooks)", en: "Payment messages from Stripe (webhooks)"),
            purpose: LocalizedText(
                de: "Verbuchen von Zahlungen, Erstattungen und Abonnements; Klärung von Abweichungen",
                en: "Booking payments, refunds and subscriptions; resolving discrepancies"),
            basis: .contract, period: .days(90), start: .recorded, end: .personalDataRemoved,
            recipients: [.hosting, .stripe], storage: ["stripe_events"]),
        RetentionRule(
            .sentMail,
            name: LocalizedText(de: "Versandte E-Mails", en: "Mail we sent"),
            purpose: LocalizedText(
                de: "Zustellung und Nachweis von Bestätigungen, Belegen und Hinweisen",
                en: "Delivering and tracing confirmations, receipts and notices"),
            basis: .contract, period: .days(90), start: .ended, end: .deleted, recipients: [.hosting, .mailRelay],
            storage: ["mail_outbox"]),
        RetentionRule(
            .auditLog,
            name: LocalizedText(de: "Sicherheitsprotokoll (Audit-Log)", en: "Security audit log"),
            purpose: LocalizedText(
                de: "Nachvollziehbarkeit von Anmeldungen und Änderungen, Aufklärung von Missbrauch",
                en: "Tracing sign-ins and changes, investigating misuse"),
            basis: .legitimateInterest, period: .years(2), start: .recorded, end: .deleted, recipients: [.hosting],
            storage: ["audit_log"]),
        RetentionRule(
            .finishedJobs,
            name: LocalizedText(de: "Erledigte Hintergrundaufträge", en: "Finished background jobs"),
            purpose: LocalizedText(
                de: "Fehlersuche bei Zahlungen, Rechnungen und E-Mails",
                en: "Tracing problems with payments, invoices and mail"),
            basis: .contract, period: .days(7), start: .ended, end: .deleted, recipients: [.hosting],
            storage: ["jobs"]),
        RetentionRule(
            .account,
            name: LocalizedText(
                de: "Kundenkonto, Unternehmensdaten, Bestellungen, Abonnements und Nutzung",
                en: "Client account, company data, orders, subscriptions and usage"),
            purpose: LocalizedText(
                de: "Erfüllung des Vertrags: Zugang, Bestellung, Abrechnung",
                en: "Performing the contract: access, ordering, billing"),
            basis: .contract, period: .untilErasure, start: .erasure, end: .erasedOnRequest,
            recipients: [.hosting, .mailRelay, .stripe],
            storage: [
                "users", "companies", "memberships", "api_tokens", "orders", "purchases", "subscriptions",
                "usage_daily",
            ]),
        RetentionRule(
            .invoices,
            name: LocalizedText(
                de: "Rechnungen, Rechnungskorrekturen und Buchungsbelege",
                en: "Invoices, corrections and accounting records"),
            purpose: LocalizedText(
                de: "Gesetzliche Aufbewahrung, unverändert und gesperrt (GoBD)",
                en: "Statutory retention, unaltered and restricted (GoBD)"),
            basis: .legalObligation(statutes: [
                LegalBasis.statute("§ 147 AO"), LegalBasis.statute("§ 14b UStG"), LegalBasis.statute("§ 257 HGB"),
            ]), period: .years(8),
            start: .endOfYear, end: .deleted, recipients: [.hosting, .stripe, .taxAuthorities],
            storage: ["invoices", "invoice_lines", "invoice_documents"]),
        RetentionRule(
            .erasureRecords,
            name: LocalizedText(de: "Nachweise über Löschungen", en: "Records of erasures"),
            purpose: LocalizedText(
                de: "Nachweis, was gelöscht und was aus welchem Grund aufbewahrt wurde",
                en: "Proof of what was erased and what was kept for which reason"),
            basis: .legalObligation(statutes: [
                LocalizedText(de: "Art. 5 Abs. 2 DSGVO", en: "Art. 5 (2) GDPR"),
                LocalizedText(de: "Art. 17 DSGVO", en: "Art. 17 GDPR"),
            ]), period: .years(10),
            start: .recorded, end: .deleted, recipients: [.hosting], storage: ["erasure_records"]),
    ]

    /// The rule of `dataClass` (every class has exactly one).
    public static func rule(for dataClass: DataClass) -> RetentionRule {
        guard let rule = rules.first(where: { $0.dataClass == dataClass }) else {
            preconditionFailure("RetentionSchedule: no rule for \(dataClass.rawValue)")
        }
        return rule
    }
}
