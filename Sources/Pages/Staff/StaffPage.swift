public import Domain
import Foundation

/// Every page of the back office under `/admin/<language>/` (issue 13): server-rendered, never cached,
/// `noindex`, for staff only. The App's route table maps these paths to handlers and declares who may see them.
public enum StaffPage: String, CaseIterable, Sendable {
    /// Sign in with e-mail and password (the second factor follows).
    case signIn = "sign-in"
    /// TOTP enrolment with the QR code, code entry, recovery codes.
    case secondFactor = "second-factor"
    /// The dashboard: revenue, MRR, invoices, usage, companies, Stripe and queue health.
    case dashboard = ""
    /// Every customer company.
    case companies
    /// One company: members (disable, role), credits (adjustment with a reason).
    case company = "companies/"
    /// Orders with filters (status, company).
    case orders
    /// One order: lines, fulfilment steps (start, deliver, cancel with refund), assignment, notes.
    case order = "orders/"
    /// The catalog: packages and add-ons with names, prices and whether they can be ordered.
    case catalog
    /// Plans with their price versions; a new version applies from the next period.
    case plans
    /// Leads from the contact form with their status.
    case leads
    /// Support requests of every company with a status filter (issue 13 item 7).
    case support
    /// One support request: the thread, the answer form, close.
    case supportRequest = "support/"
    /// Incidents with retry and resolve.
    case incidents
    /// The audit log.
    case audit

    /// The template file (without `.mustache`) in `StaffTemplates`.
    public var template: String {
        switch self {
        case .dashboard: "dashboard"
        case .company: "company"
        case .order: "order"
        case .supportRequest: "support-request"
        default: rawValue
        }
    }

    /// The key of the page's title in ``StaffStrings``.
    public var titleKey: String { template.replacingASCII("-", with: "_") + "_title" }

    /// The root of the back office in `language`: `/admin/de/`.
    public static func root(_ language: Language) -> String { "/admin/\(language.rawValue)/" }

    /// The page's path in `language`, e.g. `/admin/en/incidents`; for ``company`` the prefix the id follows.
    public func path(in language: Language) -> String { Self.root(language) + rawValue }

    /// The language of a back-office path, or nil outside `/admin/de/` and `/admin/en/`.
    public static func language(ofPath path: String) -> Language? {
        for language in Language.allCases where path.hasPrefix(root(language)) || path + "/" == root(language) {
            return language
        }
        return nil
    }
}
