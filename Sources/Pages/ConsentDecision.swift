public import Domain

/// A visitor's answer to the consent banner, parsed from the form it posts to `/{lang}/consent`.
///
/// The banner has "accept all" (`choice=accept_all`), "reject all" (`choice=reject_all`) and, under settings,
/// one checkbox per optional purpose (`purpose=…`, none pre-ticked) with "save" (`choice=save`). The App stores
/// the decision as a row of `consent_records` (subject, ``ConsentDecision/version``, language, purposes, time),
/// sets the consent cookie (the subject id plus the version) and redirects back with 303. A withdrawal is a
/// decision with no purposes. Today the site loads nothing optional, so every purpose is off until accepted and
/// the choice changes nothing but the record.
public struct ConsentDecision: Sendable, Hashable {
    /// The purposes a visitor can allow. Everything strictly necessary (session, CSRF, language, this consent
    /// cookie) needs no consent and is not listed.
    public enum Purpose: String, CaseIterable, Sendable {
        /// Privacy-friendly, self-hosted usage statistics.
        case statistics
        /// Embedded content from other hosts (e.g. videos, maps).
        case externalMedia = "external_media"
    }

    /// The consent cookie's name. Not `HttpOnly`: `consent.js` reads it to hide the banner on cached pages.
    public static let cookieName = "cz_consent"

    /// The version of the banner and privacy policy the decision refers to; stored with each record.
    public static let version = "2026-12-01"

    /// The purposes allowed, sorted by their raw value.
    public let purposes: [Purpose]
    /// The language the banner was shown in.
    public let language: Language

    /// Parses the banner's form fields; `nil` when `choice` is missing or unknown.
    ///
    /// - Parameter fields: every submitted (name, value) pair in order (checkboxes repeat `purpose`).
    public init?(fields: [(String, String)], language: Language) {
        guard let choice = fields.first(where: { $0.0 == "choice" })?.1 else { return nil }
        switch choice {
        case "accept_all":
            purposes = Purpose.allCases
        case "reject_all":
            purposes = []
        case "save":
            let chosen = Set(fields.filter { $0.0 == "purpose" }.compactMap { Purpose(rawValue: $0.1) })
            purposes = Purpose.allCases.filter { chosen.contains($0) }
        default:
            return nil
        }
        self.language = language
    }

    /// The purpose ids to store, e.g. `["statistics"]`.
    public var purposeIds: [String] { purposes.map(\.rawValue) }

    /// The consent cookie's value: `<version>:<purpose>+<purpose>` (or `<version>:none`); not secret.
    public var cookieValue: String {
        ConsentDecision.version + ":" + (purposes.isEmpty ? "none" : purposeIds.joined(separator: "+"))
    }
}
