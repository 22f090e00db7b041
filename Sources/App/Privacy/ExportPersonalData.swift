import CivilTime
import Domain
import Foundation
import Logging
import Pages
import Postgres
import Storage
import Web

/// `GET /api/v1/me/export` (Art. 15/20 GDPR): everything stored about the caller and their company as one JSON
/// document (format `codezero-export-1`, sections as in `PersonalDataMap`), audited, with a confirmation mail to
/// the caller's address — all in one transaction (no export without its audit entry and mail).
struct ExportPersonalData {
    /// The document's format name; bump it when a section changes shape.
    static let format = "codezero-export-1"

    let connection: PostgresConnection
    let publicURL: String
    let logger: Logger

    /// The export of `principal` (and their company) at `now`; `channel` is "session" or "token".
    func run(
        principal: Principal, consentSubject: String?, ip: String?, requestID: String, language: Language, now: Date
    ) throws -> JSON {
        try connection.transaction { db in
            let subject = PersonalDataStore.Subject(
                userID: principal.userID.rawValue, companyID: principal.companyID.rawValue,
                consentSubject: consentSubject)
            var members: [(key: String, value: JSON)] = [
                ("format", .string(Self.format)), ("generated_at", .string(Self.timestamp(now))),
                ("base_url", .string(publicURL)),
            ]
            let sections = try PersonalDataStore(connection: db).export(subject)
            for key in PersonalDataStore.sectionKeys {
                members.append((key, try JSON.parse(Array((sections[key] ?? "null").utf8))))
            }
            members.append(("retention", .array(RetentionSchedule.rules.map(Self.rule))))
            try AuditLog(connection: db).append(
                AuditEntry(
                    by: principal, action: AuditAction("privacy.export"), target: principal.userID.rawValue, ip: ip,
                    details: ["request_id": requestID]))
            let channel =
                principal.method == .session
                ? (language == .de ? "eine Anmeldung im Kundenkonto" : "a signed-in session")
                : (language == .de ? "ein API-Token" : "an API token")
            try MailOutbox.enqueue(
                OutgoingMail(
                    template: "data-export", to: principal.email.value, language: language,
                    values: [
                        "when": .text(Self.timestamp(now).replacingOccurrences(of: "T", with: " ") + " UTC"),
                        "channel": .text(channel),
                        "link": .link(publicURL + Page.account.path(in: language)),
                    ],
                    dedupeKey: "data-export:\(principal.userID.rawValue):\(UUID().uuidString.lowercased())"),
                on: db)
            logger.notice("personal data exported", metadata: ["user.id": "\(principal.userID.rawValue)"])
            return .object(JSONObject(members))
        }
    }

    static func rule(_ rule: RetentionRule) -> JSON {
        [
            "data_class": .string(rule.dataClass.rawValue), "name": .string(rule.name.en),
            "purpose": .string(rule.purpose.en), "legal_basis": .string("Art. 6 (1)(\(rule.basis.letter)) GDPR"),
            "period": .string(period(rule.period)), "storage": .array(rule.storage.map(JSON.string)),
        ]
    }

    static func period(_ period: RetentionPeriod) -> String {
        switch period {
        case .days(let days): "P\(days)D"
        case .years(let years): "P\(years)Y"
        case .untilErasure: "until erasure"
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    static func timestamp(_ date: Date) -> String {
        CivilFormat.rfc3339(seconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }
}
