import Domain
import Foundation
import Storage
import Web

/// JSON shapes of account data in the API.
enum AccountJSON {
    /// The schema of ``company(_:)``.
    static let companySchema = APISchema.object([
        "id": .uuid, "name": .string, "country": .string, "vat_id": APISchema.string.orNull,
        "billing_address": .object([
            "street": APISchema.string.orNull, "extra": APISchema.string.orNull,
            "postal_code": APISchema.string.orNull, "city": APISchema.string.orNull,
        ]),
        "created_at": .dateTime,
    ])

    /// The schema of ``token(_:)``.
    static let tokenSchema = APISchema.object([
        "id": .uuid, "name": .string, "prefix": .string, "created_at": .dateTime,
        "last_used_at": APISchema.dateTime.orNull, "revoked_at": APISchema.dateTime.orNull,
    ])

    /// A new token: ``tokenSchema`` plus the secret, shown once.
    static let issuedTokenSchema = APISchema.object([
        "id": .uuid, "name": .string, "prefix": .string, "created_at": .dateTime, "token": .string,
    ])

    /// The schema of ``audit(_:)``.
    static let auditSchema = APISchema.object([
        "id": .integer, "at": .dateTime, "actor_user_id": APISchema.uuid.orNull, "company_id": APISchema.uuid.orNull,
        "action": .string, "target": APISchema.string.orNull, "ip": APISchema.string.orNull, "outcome": .string,
        "details": .object([:]),
    ])

    static func company(_ company: Company) -> JSON {
        [
            "id": .string(company.id.rawValue), "name": .string(company.name), "country": .string(company.country),
            "vat_id": JSON(company.vatId),
            "billing_address": [
                "street": JSON(company.billingAddress.street), "extra": JSON(company.billingAddress.extra),
                "postal_code": JSON(company.billingAddress.postalCode), "city": JSON(company.billingAddress.city),
            ],
            "created_at": .string(timestamp(company.createdAt)),
        ]
    }

    static func token(_ token: APITokenSummary) -> JSON {
        [
            "id": .string(token.id), "name": .string(token.name), "prefix": .string(token.prefix),
            "created_at": .string(timestamp(token.createdAt)), "last_used_at": JSON(token.lastUsedAt.map(timestamp)),
            "revoked_at": JSON(token.revokedAt.map(timestamp)),
        ]
    }

    static func audit(_ record: AuditRecord) -> JSON {
        let entry = record.entry
        var details = JSONObject()
        for key in entry.details.keys.sorted() { details[key] = .string(entry.details[key] ?? "") }
        return [
            "id": JSON(record.id), "at": .string(timestamp(record.at)), "actor_user_id": JSON(entry.actor?.rawValue),
            "company_id": JSON(entry.companyID?.rawValue), "action": .string(entry.action.name),
            "target": JSON(entry.target), "ip": JSON(entry.ip), "outcome": .string(entry.outcome.rawValue),
            "details": .object(details),
        ]
    }

    /// RFC 3339 in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
