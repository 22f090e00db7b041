import Domain

/// The record of processing activities (Art. 30 (1) GDPR) as Markdown, generated from ``RetentionSchedule``:
/// `docs/privacy/records-of-processing.md` is this text (a test compares), so the record cannot drift from the
/// retention job and the privacy page.
enum ProcessingRecord {
    static func markdown() -> String {
        var lines = [
            "# Records of processing activities (Art. 30 (1) GDPR)",
            "",
            "GENERATED from `Sources/Domain/Privacy/RetentionSchedule.swift` by `ProcessingRecord.markdown()`; a test",
            "compares this file with it. Change the retention table, then regenerate (see README, Privacy).",
            "",
            "- Controller: German Code Zero AI GmbH (address and contact: imprint, `CODEZERO_SELLER_*`).",
            "- Data subjects: contact persons and users of business customers, visitors of the website.",
            "- Technical and organisational measures (Art. 32): TLS only (Mozilla intermediate), scrypt password",
            "  hashes, hashed session and API tokens, staff second factor, tenant isolation in every query,",
            "  append-only audit log, invoices immutable in the database, backups with WAL archiving; see README,",
            "  Threat model.",
            "",
            "| Data class | Purpose | Legal basis (Art. 6 (1) GDPR) | Recipients | Transfer outside the EU | Erasure period | Storage |",
            "|---|---|---|---|---|---|---|",
        ]
        for rule in RetentionSchedule.rules {
            let basis =
                "(\(rule.basis.letter))"
                + (rule.basis.statutes.isEmpty ? "" : " with " + rule.basis.statutes.map(\.en).joined(separator: ", "))
            let recipients = rule.recipients.map(recipientName).joined(separator: "; ")
            let transfer =
                rule.recipients.contains { $0.transfersOutsideEU }
                ? "USA (Stripe, Inc.): EU-US Data Privacy Framework; SCCs in Stripe's DPA" : "none"
            let storage = rule.storage.map { "`\($0)`" }.joined(separator: ", ")
            lines.append(
                "| \(rule.name.en) | \(rule.purpose.en) | \(basis) | \(recipients) | \(transfer) | "
                    + "\(period(rule)) | \(storage) |")
        }
        lines.append("")
        return lines.joined(separator: "\n")
    }

    static func recipientName(_ recipient: Recipient) -> String {
        switch recipient {
        case .hosting: "hosting provider (processor, Germany)"
        case .mailRelay: "mail relay (processor, SMTP via CODEZERO_SMTP_URL)"
        case .stripe: "Stripe Payments Europe Ltd. (Dublin)"
        case .taxAuthorities: "tax authorities and auditors (when the law requires)"
        }
    }

    static func period(_ rule: RetentionRule) -> String {
        let amount: String
        switch rule.period {
        case .days(let days): amount = days == 1 ? "1 day" : "\(days) days"
        case .years(let years): amount = "\(years) years"
        case .untilErasure: return "until the account is erased"
        }
        switch rule.start {
        case .recorded:
            return amount + (rule.end == .personalDataRemoved ? " (then the personal content is removed)" : "")
        case .ended: return rule.period == .days(0) ? "until it ends" : amount + " after it ends"
        case .endOfYear: return amount + " from the end of the calendar year (retain_until)"
        case .erasure: return "until the account is erased"
        }
    }
}
