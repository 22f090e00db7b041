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
                responses: [(200, "The export (attachment)"), (401, "Not signed in"), (429, "Too many exports")],
                response: .object([
                    "format": .oneOf([ExportPersonalData.format]), "generated_at": .string, "base_url": .string,
                    "retention": .array(.object([:])),
                ])),
            export)
        table.add(
            .post, "/api/v1/me/erase",
            RouteDocumentation(
                "Erase the caller's personal data, re-authenticated with {password}. The caller's company is erased too "
                    + "when the caller is its owner or last member (refused with 409 while invoices are open or a "
                    + "subscription is active). Invoices, corrections and their bookkeeping records stay unaltered "
                    + "until retain_until; the answer and an erasure record say what was erased and what was kept. "
                    + "Signing in is impossible afterwards.",
                tag: "privacy", access: .session, requestBody: "application/json",
                responses: [
                    (200, "{erasure_id, erased{table: rows}, kept[]}"), (401, "Not signed in"),
                    (403, "Not a signed-in session or CSRF token missing"),
                    (409, "Open invoices or active subscriptions (problem type erasure-blocked), or staff"),
                    (422, "Password missing or wrong"), (429, "Too many wrong passwords"),
                ], request: .object(["password": .text(1024)]),
                response: .object(["erasure_id": .any, "erased": .object([:]), "kept": .array(.any)])),
            eraseSelf)
        table.add(
            .post, "/api/v1/admin/companies/{id}/erase",
            RouteDocumentation(
                "Erase a company and its users (Art. 17 GDPR); same rules and answer as /api/v1/me/erase.",
                tag: "admin", access: .admin,
                responses: [
                    (200, "{erasure_id, erased{table: rows}, kept[]}"), (401, "Not signed in"), (403, "Not an admin"),
                    (404, "No such company"), (409, "Open invoices, active subscriptions, already erased, or operator"),
                ], response: .object(["erasure_id": .any, "erased": .object([:]), "kept": .array(.any)]),
                path: ["id": .uuid]),
            eraseCompany)
    }

    static func eraseSelf(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        var fields = JSONFields(try context.jsonObject())
        let password = fields.string("password", maximumLength: 1024)
        try fields.check()
        let result = try ErasePersonalData(connection: context.services.database, logger: context.logger).eraseSelf(
            principal: caller.principal, password: password, ip: context.clientAddress,
            requestID: context.request.requestID, now: Date())
        var response = Response.json(result)
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }

    static func eraseCompany(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let id = context.parameter("id")
        let result = try ErasePersonalData(connection: context.services.database, logger: context.logger)
            .eraseCompany(id, admin: caller.principal, ip: context.clientAddress, requestID: context.request.requestID)
        var response = Response.json(result)
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
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
