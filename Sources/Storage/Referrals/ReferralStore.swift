public import Domain
import Foundation
public import Postgres

/// Referral codes, attributions and their rewards (`referral_codes`, `referrals`, `referral_settings`, the ledger's
/// `referral` entries). The rewards themselves are granted and reversed by triggers on `invoices`
/// (`sql/0100_referrals.sql`), in the transaction that makes an invoice paid or corrects it.
public struct ReferralStore {
    let connection: PostgresConnection

    /// A store on `connection` (which may be inside the caller's transaction).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The company's own code (every company has one from its creation).
    public func code(companyID: String) throws -> ReferralCode? {
        let rows = try connection.query(
            "SELECT code FROM referral_codes WHERE company_id = \(companyID)::uuid",
            retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.first.flatMap { ReferralCode(try $0.string("code")) }
    }

    /// Attributes the newly registered company `referredCompanyID` to the owner of `code`, in the registration's
    /// transaction. Nothing is recorded for an unknown code, the company's own code, or a referrer with the same
    /// VAT ID (no self-referral).
    @discardableResult
    public func attribute(referredCompanyID: String, code: ReferralCode) throws -> ReferralAttribution {
        let owners = try connection.query(
            """
            SELECT r.company_id::text AS referrer, c.vat_id AS referrer_vat,
                   (SELECT vat_id FROM companies WHERE id = \(referredCompanyID)::uuid) AS referred_vat
            FROM referral_codes r JOIN companies c ON c.id = r.company_id
            WHERE r.code = \(code.value) AND NOT c.is_operator
            """)
        guard let owner = owners.first else { return .unknownCode }
        let referrer = try owner.string("referrer")
        if referrer == referredCompanyID { return .ownCode }
        if let vat = try owner.optionalString("referrer_vat"), vat == (try owner.optionalString("referred_vat")) {
            return .sameVATID
        }
        try connection.execute(
            """
            INSERT INTO referrals (referred_company_id, referrer_company_id, code)
            VALUES (\(referredCompanyID)::uuid, \(referrer)::uuid, \(code.value))
            ON CONFLICT (referred_company_id) DO NOTHING
            """)
        return .attributed
    }

    /// What the portal and `GET /api/v1/referrals` show a company: its code, whom it referred, what it earned, and
    /// the current reward amounts — in two statements (issue #16: four before, one per part): the code with the
    /// settings, then the referred companies (`part` 1, oldest first) and the company's referral ledger entries
    /// (`part` 2, in ledger order) as the two branches of one result.
    public func overview(companyID: String) throws -> ReferralOverview {
        let retry = !connection.isInTransaction
        let head = try connection.query(
            """
            SELECT (SELECT code FROM referral_codes WHERE company_id = \(companyID)::uuid) AS code,
                   s.referrer_credits, s.referred_credits
            FROM referral_settings s
            """, retryOnConnectionLoss: retry)[0]
        let rows = try connection.query(
            """
            SELECT 1 AS part, r.created_at AS sort_at, r.id AS sort_id, NULL::bigint AS ledger_id,
                   extract(epoch FROM r.created_at)::float8 AS created_at, r.rewarded_at, r.reversed_at,
                   r.ineligible_reason, CASE WHEN r.rewarded_at IS NOT NULL THEN c.name END AS name,
                   NULL::bigint AS delta, NULL::text AS reason, NULL::text AS note, NULL::boolean AS as_referrer
            FROM referrals r JOIN companies c ON c.id = r.referred_company_id
            WHERE r.referrer_company_id = \(companyID)::uuid
            UNION ALL
            SELECT 2, NULL, NULL, l.id, extract(epoch FROM l.created_at)::float8, NULL, NULL, NULL, NULL,
                   l.delta, l.reason, l.note, (l.company_id = r.referrer_company_id)
            FROM credit_ledger l JOIN referrals r ON r.id = l.referral_id
            WHERE l.company_id = \(companyID)::uuid AND l.reason IN ('referral', 'referral_reversal')
            ORDER BY part, sort_at, sort_id, ledger_id
            """, retryOnConnectionLoss: retry)
        var referred: [ReferralOverview.Referred] = []
        var rewards: [ReferralOverview.Reward] = []
        for row in rows {
            if try row.int("part") == 1 {
                referred.append(
                    ReferralOverview.Referred(
                        companyName: try row.optionalString("name"),
                        registeredAt: try Timestamp.date(row, "created_at"), status: try Self.status(row)))
            } else {
                rewards.append(
                    ReferralOverview.Reward(
                        credits: try row.int("delta"), reversal: try row.string("reason") == "referral_reversal",
                        asReferrer: try row.bool("as_referrer"), invoiceNumber: try row.optionalString("note"),
                        at: try Timestamp.date(row, "created_at")))
            }
        }
        return ReferralOverview(
            code: try head.optionalString("code").flatMap { ReferralCode($0) }, referred: referred, rewards: rewards,
            settings: ReferralSettings(
                referrerCredits: try head.int("referrer_credits"), referredCredits: try head.int("referred_credits")))
    }

    /// Every referral, newest first, for staff.
    public func all(limit: Int = 200) throws -> [ReferralRecord] {
        try connection.query(
            """
            SELECT r.id::text AS id, extract(epoch FROM r.created_at)::float8 AS created_at, r.rewarded_at, r.reversed_at, r.ineligible_reason, r.code,
                   r.referrer_company_id::text AS referrer_id, a.name AS referrer_name,
                   r.referred_company_id::text AS referred_id, b.name AS referred_name,
                   coalesce((SELECT sum(delta) FROM credit_ledger l WHERE l.referral_id = r.id), 0)::bigint AS credits
            FROM referrals r JOIN companies a ON a.id = r.referrer_company_id
                             JOIN companies b ON b.id = r.referred_company_id
            ORDER BY r.created_at DESC, r.id LIMIT \(limit)
            """, retryOnConnectionLoss: !connection.isInTransaction
        ).map { row in
            ReferralRecord(
                id: try row.string("id"), code: try row.string("code"),
                referrerCompanyID: try row.string("referrer_id"), referrerName: try row.string("referrer_name"),
                referredCompanyID: try row.string("referred_id"), referredName: try row.string("referred_name"),
                registeredAt: try Timestamp.date(row, "created_at"), status: try Self.status(row),
                creditsGranted: try row.int("credits"))
        }
    }

    /// The credits a reward grants now.
    public func settings() throws -> ReferralSettings {
        let row = try connection.query(
            "SELECT referrer_credits, referred_credits FROM referral_settings",
            retryOnConnectionLoss: !connection.isInTransaction)[0]
        return ReferralSettings(
            referrerCredits: try row.int("referrer_credits"), referredCredits: try row.int("referred_credits"))
    }

    /// Changes the credits of future rewards (rewards already granted keep theirs).
    public func update(_ settings: ReferralSettings) throws {
        try connection.execute(
            """
            UPDATE referral_settings SET referrer_credits = \(settings.referrerCredits),
                   referred_credits = \(settings.referredCredits), updated_at = now()
            """)
    }

    static func status(_ row: PostgresRow) throws -> ReferralOverview.Status {
        if try !row.isNull("reversed_at") { return .reversed }
        if try !row.isNull("rewarded_at") { return .rewarded }
        if try !row.isNull("ineligible_reason") { return .ineligible }
        return .registered
    }
}

extension ReferralStore {
    /// Whether `referredCompanyID` is attributed to a referrer (after registration: did the code count?).
    public func isAttributed(referredCompanyID: String) throws -> Bool {
        try !connection.query(
            "SELECT 1 FROM referrals WHERE referred_company_id = \(referredCompanyID)::uuid",
            retryOnConnectionLoss: !connection.isInTransaction
        ).isEmpty
    }
}
