import Domain
import Foundation
import Pages
import Postgres
import Storage
import Web

/// Referrals (issue #15, DESIGN §15): the company's code, link, referred companies and rewards (API and portal
/// page), and the staff list and reward settings. Attribution happens at registration (`AuthRoutes`,
/// `PortalAuthRoutes`); rewards are granted by the database when an invoice is paid (`sql/0100_referrals.sql`).
enum ReferralRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/api/v1/referrals",
            RouteDocumentation(
                "The company's referral code, its registration links, referred companies (named once they have paid) "
                    + "and the credits earned.", tag: "referrals", access: .authenticated,
                responses: [
                    (200, "{code, links, reward, referred[], rewards[], credits_earned}"), (401, "Not signed in"),
                ],
                response: .object([
                    "code": .string, "links": .localized,
                    "reward": .object([
                        "referrer_credits": .integer, "referred_credits": .integer, "minimum_net_cents": .integer,
                        "reversal_days": .integer,
                    ]),
                    "referred": .array(
                        .object([
                            "company_name": APISchema.string.orNull, "registered_at": .dateTime, "status": .string,
                        ])),
                    "rewards": .array(
                        .object([
                            "credits": .integer, "kind": .oneOf(["referrer", "referred", "reversal"]),
                            "invoice_number": APISchema.string.orNull, "created_at": .dateTime,
                        ])),
                    "credits_earned": .integer,
                ])),
            overview)
        table.add(
            .get, "/api/v1/admin/referrals",
            RouteDocumentation(
                "Every referral with both companies, its status and the credits booked (newest first).",
                tag: "admin", access: .admin,
                responses: [(200, "{referrals[]}"), (401, "Not signed in"), (403, "Not an admin")],
                response: .object([
                    "referrals": .array(
                        .object([
                            "id": .uuid, "code": .string,
                            "referrer": .object(["company_id": .uuid, "name": .string]),
                            "referred": .object(["company_id": .uuid, "name": .string]),
                            "registered_at": .dateTime, "status": .string, "credits_granted": .integer,
                        ]))
                ])),
            list)
        table.add(
            .get, "/api/v1/admin/referrals/settings",
            RouteDocumentation(
                "The credits a referral reward grants.", tag: "admin", access: .admin,
                responses: [
                    (200, "{referrer_credits, referred_credits}"), (401, "Not signed in"), (403, "Not an admin"),
                ], response: ReferralJSON.settingsSchema),
            settings)
        table.add(
            .put, "/api/v1/admin/referrals/settings",
            RouteDocumentation(
                "Change the credits of future referral rewards: {referrer_credits, referred_credits} (0–1000 each).",
                tag: "admin", access: .admin, requestBody: "application/json",
                responses: [
                    (200, "The new settings"), (401, "Not signed in"), (403, "Not an admin"), (422, "Invalid fields"),
                ],
                request: .object([
                    "referrer_credits": .integer(minimum: 0, maximum: 1000),
                    "referred_credits": .integer(minimum: 0, maximum: 1000),
                ]), response: ReferralJSON.settingsSchema),
            updateSettings)
        for language in Language.allCases {
            table.add(.get, Page.referrals.path(in: language), access: .signedInPage) { context in
                let caller = try PortalSession.caller(context, language)
                let referrals = try page(context, caller)
                return try PortalRoutes.render(.referrals, context, language, caller) { $0.referrals = referrals }
            }
        }
    }

    static func overview(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        let store = ReferralStore(connection: context.services.database)
        let overview = try store.overview(companyID: caller.principal.companyID.rawValue)
        return .json(
            ReferralJSON.overview(
                overview, settings: overview.settings, publicURL: context.services.configuration.publicURL)
        ).private()
    }

    static func list(_ context: RequestContext) throws -> Response {
        let records = try ReferralStore(connection: context.services.database).all()
        return .json(["referrals": .array(records.map(ReferralJSON.record))]).private()
    }

    static func settings(_ context: RequestContext) throws -> Response {
        .json(ReferralJSON.settings(try ReferralStore(connection: context.services.database).settings())).private()
    }

    static func updateSettings(_ context: RequestContext) throws -> Response {
        let caller = try context.requireCaller()
        var fields = JSONFields(try context.jsonObject())
        let settings = ReferralSettings(
            referrerCredits: fields.integer("referrer_credits", in: ReferralSettings.allowed),
            referredCredits: fields.integer("referred_credits", in: ReferralSettings.allowed))
        try fields.check()
        try context.services.database.transaction { db in
            try ReferralStore(connection: db).update(settings)
            try AuditLog(connection: db).append(
                AuditEntry(
                    actor: caller.principal.userID, companyID: caller.principal.companyID,
                    action: .admin("referrals.settings"), target: "referral_settings", ip: context.clientAddress,
                    outcome: .success,
                    details: [
                        "referrer_credits": String(settings.referrerCredits),
                        "referred_credits": String(settings.referredCredits),
                    ]))
        }
        return .json(ReferralJSON.settings(settings)).private()
    }

    /// The portal page's data for the caller's company.
    static func page(_ context: RequestContext, _ caller: Caller) throws -> PortalReferrals {
        let store = ReferralStore(connection: context.services.database)
        let overview = try store.overview(companyID: caller.principal.companyID.rawValue)
        let settings = overview.settings
        let code = overview.code?.value ?? ""
        return PortalReferrals(
            code: code, links: ReferralJSON.links(code, publicURL: context.services.configuration.publicURL),
            referred: overview.referred.map {
                PortalReferrals.Referred(
                    companyName: $0.companyName, registeredAt: $0.registeredAt, status: $0.status.rawValue)
            },
            rewards: overview.rewards.map {
                PortalReferrals.Reward(
                    credits: $0.credits, kind: $0.reversal ? "reversal" : $0.asReferrer ? "referrer" : "referred",
                    invoiceNumber: $0.invoiceNumber, at: $0.at)
            },
            referrerCredits: settings.referrerCredits, referredCredits: settings.referredCredits)
    }
}
