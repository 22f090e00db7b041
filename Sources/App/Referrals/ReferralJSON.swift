import Domain
import Foundation
import Pages
import Storage
import Web

/// The JSON of `GET /api/v1/referrals` and the staff list.
enum ReferralJSON {
    /// The registration links carrying `code`, per language.
    static func links(_ code: String, publicURL: String) -> [Language: String] {
        var links: [Language: String] = [:]
        for language in Language.allCases {
            links[language] = publicURL + Page.register.path(in: language) + "?ref=" + code
        }
        return links
    }

    static func overview(_ overview: ReferralOverview, settings: ReferralSettings, publicURL: String) -> JSON {
        let code = overview.code?.value ?? ""
        let links = links(code, publicURL: publicURL)
        return [
            "code": .string(code),
            "links": ["de": .string(links[.de] ?? ""), "en": .string(links[.en] ?? "")],
            "reward": [
                "referrer_credits": JSON(settings.referrerCredits), "referred_credits": JSON(settings.referredCredits),
                "minimum_net_cents": 10_000, "reversal_days": 14,
            ],
            "referred": .array(
                overview.referred.map { row in
                    [
                        "company_name": JSON(row.companyName), "registered_at": .string(timestamp(row.registeredAt)),
                        "status": .string(row.status.rawValue),
                    ]
                }),
            "rewards": .array(
                overview.rewards.map { row in
                    [
                        "credits": JSON(row.credits),
                        "kind": .string(row.reversal ? "reversal" : row.asReferrer ? "referrer" : "referred"),
                        "invoice_number": JSON(row.invoiceNumber), "created_at": .string(timestamp(row.at)),
                    ]
                }),
            "credits_earned": JSON(overview.creditsEarned),
        ]
    }

    static func record(_ record: ReferralRecord) -> JSON {
        [
            "id": .string(record.id), "code": .string(record.code),
            "referrer": ["company_id": .string(record.referrerCompanyID), "name": .string(record.referrerName)],
            "referred": ["company_id": .string(record.referredCompanyID), "name": .string(record.referredName)],
            "registered_at": .string(timestamp(record.registeredAt)), "status": .string(record.status.rawValue),
            "credits_granted": JSON(record.creditsGranted),
        ]
    }

    /// The schema of ``settings(_:)``.
    static let settingsSchema = APISchema.object(["referrer_credits": .integer, "referred_credits": .integer])

    static func settings(_ settings: ReferralSettings) -> JSON {
        ["referrer_credits": JSON(settings.referrerCredits), "referred_credits": JSON(settings.referredCredits)]
    }

    /// RFC 3339 in UTC, whole seconds.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
