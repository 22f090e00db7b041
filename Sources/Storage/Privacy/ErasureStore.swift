import Domain
public import Postgres

/// Erasure (Art. 17 GDPR, REQUIREMENTS §2.4): deletes or anonymises the personal data of a company (all its users)
/// or of one user, in the caller's transaction, following `PersonalDataMap`. Invoices, corrections, their documents
/// and the bookkeeping records behind them stay unaltered (restricted: the company is marked erased and nobody can
/// sign in for it) until the retention job deletes them after `retain_until`. The decision is recorded in
/// `erasure_records`.
public struct ErasureStore {
    let connection: PostgresConnection

    /// A store on `connection` (which must be in a transaction).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// What is erased.
    public enum Scope: String, Sendable {
        /// The company's master data and every user who belongs to it only.
        case company
        /// One user (a colleague leaving; the company stays).
        case user
    }

    /// Why a company cannot be erased yet.
    public struct Blockers: Sendable, Equatable {
        /// Numbers of OPEN invoices.
        public var openInvoices: [String]
        /// Ids of subscriptions that are not canceled (ACTIVE, PAST_DUE, SUSPENDED).
        public var activeSubscriptions: [String]
        /// Whether nothing blocks.
        public var isEmpty: Bool { openInvoices.isEmpty && activeSubscriptions.isEmpty }
    }

    /// The result of an erasure.
    public enum Outcome: Sendable {
        /// Done; the erasure record's id, what was erased (rows per table) and what was kept (JSON text).
        case erased(recordID: String, erased: [String: Int], kept: String)
        /// Refused until these are settled.
        case blocked(Blockers)
        /// No such company (or user in it).
        case notFound
        /// The operator company (staff) is not erased this way.
        case operatorCompany
        /// Erased before.
        case alreadyErased
    }

    /// Erases `scope` of company `companyID` (for `.user`, the user `userID`); `requestedBy` is the actor,
    /// `via` "self", "admin" or "owner" (a member removed by the owner).
    public func erase(
        companyID: String, scope: Scope, userID: String?, requestedBy: String?, via: String
    ) throws -> Outcome {
        guard UUIDText.isValid(companyID), userID.map(UUIDText.isValid) ?? true else { return .notFound }
        let rows = try connection.query(
            "SELECT is_operator, erased_at IS NOT NULL AS erased FROM companies WHERE id = \(companyID)::uuid FOR UPDATE"
        )
        guard let company = rows.first else { return .notFound }
        if try company.bool("is_operator") { return .operatorCompany }
        if try company.bool("erased") { return .alreadyErased }
        if scope == .company {
            let blockers = try self.blockers(companyID: companyID)
            guard blockers.isEmpty else { return .blocked(blockers) }
        }
        // The users erased: for the company every member who belongs to no other company; for a user that one.
        try connection.execute(
            """
            CREATE TEMPORARY TABLE erasure_users ON COMMIT DROP AS
            SELECT u.id, lower(u.email) AS email FROM users u JOIN memberships m ON m.user_id = u.id
            WHERE m.company_id = \(companyID)::uuid AND (\(userID)::uuid IS NULL OR u.id = \(userID)::uuid)
                AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.user_id = u.id AND o.company_id <> \(companyID)::uuid)
            """)
        if scope == .user {
            let found = try connection.query(
                """
                SELECT count(*)::bigint AS n FROM memberships
                WHERE company_id = \(companyID)::uuid AND user_id = \(userID)::uuid
                """)[0].int("n")
            guard found == 1 else { return .notFound }
        }
        let name = try connection.query("SELECT name FROM companies WHERE id = \(companyID)::uuid")[0].string("name")
        var erased: [String: Int] = [:]
        func run(_ table: String, _ query: PostgresQuery) throws {
            erased[table, default: 0] += try connection.execute(query)
        }
        let users = "SELECT id FROM erasure_users"
        let emails = "SELECT email FROM erasure_users"
        try run("sessions", "DELETE FROM sessions WHERE user_id IN (\(unescaped: users))")
        try run("api_tokens", "DELETE FROM api_tokens WHERE user_id IN (\(unescaped: users))")
        try run("account_tokens", "DELETE FROM account_tokens WHERE user_id IN (\(unescaped: users))")
        try run("staff_recovery_codes", "DELETE FROM staff_recovery_codes WHERE user_id IN (\(unescaped: users))")
        try run("staff_second_factors", "DELETE FROM staff_second_factors WHERE user_id IN (\(unescaped: users))")
        try run("second_factor_failures", "DELETE FROM second_factor_failures WHERE user_id IN (\(unescaped: users))")
        // Invitations to their addresses, and those they sent or accepted.
        try run(
            "company_invitations",
            """
            DELETE FROM company_invitations
            WHERE lower(email) IN (\(unescaped: emails)) OR invited_by IN (\(unescaped: users))
                OR accepted_by IN (\(unescaped: users))
            """)
        try run("login_failures", "DELETE FROM login_failures WHERE email IN (\(unescaped: emails))")
        try run("contact_requests", "DELETE FROM contact_requests WHERE lower(email) IN (\(unescaped: emails))")
        // Support threads are the client's own words: deleted, not anonymised. A user's erasure deletes the requests
        // they opened (with every message) and the messages they wrote elsewhere; a company's erasure all of its.
        try run(
            "support_messages",
            """
            DELETE FROM support_messages WHERE author IN (\(unescaped: users))
                OR request_id IN (SELECT id FROM support_requests WHERE opened_by IN (\(unescaped: users))
                    OR (\(scope.rawValue)::text = 'company' AND company_id = \(companyID)::uuid))
            """)
        try run(
            "support_requests",
            """
            DELETE FROM support_requests WHERE opened_by IN (\(unescaped: users))
                OR (\(scope.rawValue)::text = 'company' AND company_id = \(companyID)::uuid)
            """)
        // Mail to them: the queued ones with their jobs, so nothing is sent to an erased address.
        try run(
            "jobs",
            """
            DELETE FROM jobs WHERE state = 'queued' AND kind IN ('mail.render', 'mail.send')
            AND (payload ->> 'mail_id')::bigint IN (SELECT id FROM mail_outbox WHERE lower(recipient) IN (\(unescaped: emails)))
            """)
        try run("mail_outbox", "DELETE FROM mail_outbox WHERE lower(recipient) IN (\(unescaped: emails))")
        try run(
            "audit_log",
            """
            UPDATE audit_log a SET details = (
                SELECT jsonb_object_agg(e.key, CASE WHEN lower(e.value #>> '{}') IN (\(unescaped: emails))
                    THEN '"[erased]"'::jsonb ELSE e.value END)
                FROM jsonb_each(a.details) e)
            WHERE EXISTS (SELECT 1 FROM jsonb_each_text(a.details) e WHERE lower(e.value) IN (\(unescaped: emails)))
            """)
        // The payload is the body as Stripe signed it (`json`, sql/0194), where an address or a name may be written
        // with \u escapes: searched in jsonb's text form, which has them decoded.
        try run(
            "stripe_events",
            """
            UPDATE stripe_events SET payload = '{}'
            WHERE processed_at IS NOT NULL AND payload::text <> '{}' AND (
                EXISTS (SELECT 1 FROM erasure_users x WHERE strpos(lower(payload::jsonb::text), x.email) > 0)
                OR (\(scope.rawValue)::text = 'company' AND (strpos(payload::jsonb::text, \(companyID)) > 0
                    OR strpos(payload::jsonb::text, \(name)) > 0)))
            """)
        if scope == .company {
            try run("memberships", "DELETE FROM memberships WHERE company_id = \(companyID)::uuid")
            try run("referral_codes", "DELETE FROM referral_codes WHERE company_id = \(companyID)::uuid")
            try run("company_invitations", "DELETE FROM company_invitations WHERE company_id = \(companyID)::uuid")
            try run(
                "incidents",
                """
                UPDATE incidents SET detail = '[erased with the company]', note = NULL, subject = '{}'::jsonb
                WHERE company_id = \(companyID)::uuid
                """)
            try run(
                "companies",
                """
                UPDATE companies SET name = 'erased', vat_id = NULL, street = NULL, extra = NULL, postal_code = NULL,
                    city = NULL, erased_at = now()
                WHERE id = \(companyID)::uuid
                """)
        } else {
            try run(
                "memberships",
                "DELETE FROM memberships WHERE company_id = \(companyID)::uuid AND user_id = \(userID)::uuid")
        }
        // The user rows stay as anonymous shells (orders, subscriptions and their append-only events refer to them):
        // no address, no password that can ever match, disabled.
        try run(
            "users",
            """
            UPDATE users SET email = 'erased-' || id || '@erased.invalid', password_hash = 'scrypt$erased',
                disabled_at = coalesce(disabled_at, now()), email_verified_at = NULL
            WHERE id IN (\(unescaped: users))
            """)
        let kept = try connection.query(
            """
            SELECT jsonb_build_array(
                jsonb_build_object('what', 'invoices',
                    'why', 'Invoices and corrections with their XML/PDF documents (§ 147 AO, § 14b UStG, § 257 HGB): kept unaltered and restricted until retain_until, then deleted by the retention job',
                    'numbers', (SELECT coalesce(jsonb_agg(number ORDER BY number), '[]') FROM invoices WHERE company_id = \(companyID)::uuid),
                    'until', (SELECT max(retain_until) FROM invoices WHERE company_id = \(companyID)::uuid)),
                jsonb_build_object('what', 'bookkeeping',
                    'why', 'Orders, purchases, credit ledger, subscriptions, usage, pricing, Stripe customer id, DATEV debtor account: the records behind the invoices (§ 147 AO, § 257 HGB); they hold no name or address',
                    'tables', jsonb_build_array('orders', 'order_lines', 'purchases', 'credit_ledger', 'subscriptions',
                        'subscription_events', 'subscription_payments', 'usage_daily', 'usage_events',
                        'company_pricing', 'stripe_customers', 'datev_debtor_accounts', 'referrals')),
                jsonb_build_object('what', 'security_log',
                    'why', 'Audit log entries (user ids and addresses, e-mail values replaced): legitimate interest, deleted after their retention period'),
                jsonb_build_object('what', 'consent_records',
                    'why', 'Pseudonymous cookie ids that cannot be tied to the person; deleted after their retention period')
            )::text AS kept
            """)[0].string("kept")
        var erasedJSON = "{"
        erasedJSON += erased.keys.sorted().map { "\"\($0)\": \(erased[$0] ?? 0)" }.joined(separator: ", ")
        erasedJSON += "}"
        let record = try connection.query(
            """
            INSERT INTO erasure_records (scope, company_id, user_id, requested_by, requested_via, erased, kept)
            VALUES (\(scope.rawValue), \(companyID)::uuid, \(scope == .user ? userID : nil)::uuid,
                    \(requestedBy)::uuid, \(via), \(erasedJSON)::jsonb, \(kept)::jsonb)
            RETURNING id::text AS id
            """)[0].string("id")
        return .erased(recordID: record, erased: erased, kept: kept)
    }

    /// What keeps company `companyID` from being erased now.
    public func blockers(companyID: String) throws -> Blockers {
        let open = try connection.query(
            """
            SELECT number FROM invoices WHERE company_id = \(companyID)::uuid AND kind = 'invoice' AND status = 'OPEN'
            ORDER BY number
            """
        ).map { try $0.string("number") }
        let subscriptions = try connection.query(
            """
            SELECT id::text AS id FROM subscriptions
            WHERE company_id = \(companyID)::uuid AND status IN ('ACTIVE', 'PAST_DUE', 'SUSPENDED') ORDER BY id
            """
        ).map { try $0.string("id") }
        return Blockers(openInvoices: open, activeSubscriptions: subscriptions)
    }
}
