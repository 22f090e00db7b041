import Domain
import Foundation
import Storage
import Web

/// Privacy (issue #14, DESIGN §14): the data export (Art. 15/20 GDPR) and the erasures (Art. 17).
enum PrivacyRoutes {
    /// Exports per user: at most 5 an hour.
    static let exportLimit = RateLimit(limit: 5, window: 3600)

    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/me/export",
            RouteDocumentation(
                "Everything stored about the caller and their company as JSON (format codezero-export-1): user, "
                    + "company, memberships, sessions and tokens (metadata only), consent records of this browser, "
                    + "contact requests from the caller's address, orders, purchases, credit ledger, subscriptions, "
                    + "usage, pricing, invoices (with links), referrals, mail sent to the caller, incidents, audit "
                    + "entries about the caller, erasure records and the retention table. Audited; a confirmation "
                    + "mail goes to the caller; at most 5 an hour.",
                tag: "privacy", access: .authenticated,
                responses: [(200, "The export (attachment)"), (401, "Not signed in"), (429, "Too many exports")]),
            export)
    }

    static func export(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        try context.enforce(exportLimit, key: "export:user:\(caller.principal.userID.rawValue)", what: "data exports")
        let document = try ExportPersonalData(
            connection: context.services.database, publicURL: context.services.configuration.publicURL,
            logger: context.logger
        ).run(
            principal: caller.principal,
            consentSubject: context.request.cookie(ConsentForm.subjectCookie).flatMap {
                FormGuard.isPlausible($0) ? $0 : nil
            },
            ip: context.clientAddress, requestID: context.request.requestID,
            language: AccountMailRoutes.language(context), now: Date())
        var response = Response.json(document)
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        response.headers.replaceOrAdd(
            name: "Content-Disposition", value: "attachment; filename=\"codezero-export.json\"")
        return response
    }
}
