import Domain
public import Postgres

/// Reads everything stored about a user and their company for an export (Art. 15/20 GDPR): one JSON value per
/// section, built by PostgreSQL (`to_jsonb` of the rows minus secrets: password, session and token hashes,
/// TOTP secrets, rendered mail bodies and their template values, which hold sign-in links).
///
/// The sections are the `PersonalDataMap.Export.section` keys; a test checks both name the same set.
public struct PersonalDataStore {
    let connection: PostgresConnection

    /// A store on `connection`.
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Whom an export is about.
    public struct Subject: Sendable {
        /// The user.
        public let userID: String
        /// Their company.
        public let companyID: String
        /// The consent cookie's pseudonymous id of the requesting browser, if it sent one.
        public let consentSubject: String?

        /// A subject.
        public init(userID: String, companyID: String, consentSubject: String?) {
            self.userID = userID
            self.companyID = companyID
            self.consentSubject = consentSubject
        }
    }

    /// Section key → JSON text (an object, or an array of objects; `null` when absent).
    public func export(_ subject: Subject) throws -> [String: String] {
        var sections: [String: String] = [:]
        for (key, query) in Self.queries(subject) {
            sections[key] = try connection.query(query)[0].string("section")
        }
        return sections
    }

    /// The section keys of every export, in order.
    public static var sectionKeys: [String] {
        queries(Subject(userID: "", companyID: "", consentSubject: nil)).map(\.0)
    }

    static func queries(_ s: Subject) -> [(String, PostgresQuery)] {
        let user = s.userID
        let company = s.companyID
        return [
            (
                "user",
                """
                SELECT coalesce((SELECT to_jsonb(u) - 'password_hash' FROM users u WHERE id = \(user)::uuid), 'null')::text AS section
                """
            ),
            (
                "company",
                """
                SELECT coalesce((SELECT to_jsonb(c) || jsonb_build_object('datev_debtor_account', d.account)
                    FROM companies c LEFT JOIN datev_debtor_accounts d ON d.company_id = c.id
                    WHERE c.id = \(company)::uuid), 'null')::text AS section
                """
            ),
            (
                "memberships",
                "SELECT coalesce(jsonb_agg(to_jsonb(m) ORDER BY created_at), '[]')::text AS section FROM memberships m WHERE user_id = \(user)::uuid"
            ),
            (
                "sessions",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) - 'id' ORDER BY created_at), '[]')::text AS section
                FROM sessions x WHERE user_id = \(user)::uuid
                """
            ),
            (
                "api_tokens",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) - 'token_hash' ORDER BY created_at), '[]')::text AS section
                FROM api_tokens x WHERE user_id = \(user)::uuid
                """
            ),
            (
                "account_links",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) - 'token_hash' ORDER BY created_at), '[]')::text AS section
                FROM account_tokens x WHERE user_id = \(user)::uuid
                """
            ),
            (
                "invitations",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) - 'token_hash' ORDER BY created_at), '[]')::text AS section
                FROM company_invitations x WHERE company_id = \(company)::uuid OR invited_by = \(user)::uuid
                    OR accepted_by = \(user)::uuid
                    OR lower(email) = (SELECT lower(email) FROM users WHERE id = \(user)::uuid)
                """
            ),
            (
                "failed_sign_ins",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) - 'id' ORDER BY failed_at), '[]')::text AS section
                FROM login_failures x WHERE email = (SELECT lower(email) FROM users WHERE id = \(user)::uuid)
                """
            ),
            (
                "second_factor",
                """
                SELECT coalesce((SELECT to_jsonb(x) - 'secret' - 'last_step' FROM staff_second_factors x
                    WHERE user_id = \(user)::uuid), 'null')::text AS section
                """
            ),
            (
                "audit_log",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY id), '[]')::text AS section FROM audit_log x
                WHERE actor_user_id = \(user)::uuid OR target = \(user)
                    OR details ->> 'email' = (SELECT lower(email) FROM users WHERE id = \(user)::uuid)
                """
            ),
            (
                "consent_records",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY decided_at), '[]')::text AS section
                FROM consent_records x WHERE subject = \(s.consentSubject ?? "")
                """
            ),
            (
                "contact_requests",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY received_at), '[]')::text AS section
                FROM contact_requests x WHERE lower(email) = (SELECT lower(email) FROM users WHERE id = \(user)::uuid)
                """
            ),
            (
                // The company's support threads (for a user erasure only theirs are deleted; the export names
                // the whole company's, which every member sees in the portal). Staff authors are not named.
                "support_requests",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(r) || jsonb_build_object(
                    'messages', (SELECT coalesce(jsonb_agg(to_jsonb(m) - 'author' ORDER BY m.id), '[]')
                                 FROM support_messages m WHERE m.request_id = r.id)
                ) ORDER BY created_at), '[]')::text AS section
                FROM support_requests r WHERE company_id = \(company)::uuid
                """
            ),
            (
                "mail",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) - 'message' - 'template_values' - 'attachments' - 'dedupe_key'
                    ORDER BY created_at), '[]')::text AS section
                FROM mail_outbox x WHERE lower(recipient) = (SELECT lower(email) FROM users WHERE id = \(user)::uuid)
                """
            ),
            (
                "incidents",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) - 'job_payload' ORDER BY id), '[]')::text AS section
                FROM incidents x WHERE company_id = \(company)::uuid
                """
            ),
            (
                "stripe_customer",
                """
                SELECT coalesce((SELECT to_jsonb(x) FROM stripe_customers x WHERE company_id = \(company)::uuid),
                    'null')::text AS section
                """
            ),
            (
                "orders",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(o) || jsonb_build_object(
                    'lines', (SELECT coalesce(jsonb_agg(to_jsonb(l) ORDER BY position), '[]') FROM order_lines l
                              WHERE l.order_id = o.id),
                    'fulfilment', (SELECT f.status FROM order_fulfilment f WHERE f.order_id = o.id),
                    'fulfilment_events', (SELECT coalesce(jsonb_agg(to_jsonb(e) - 'actor' - 'assignee' - 'request_id'
                                          ORDER BY e.id), '[]') FROM order_fulfilment_events e WHERE e.order_id = o.id)
                ) ORDER BY created_at), '[]')::text AS section
                FROM orders o WHERE company_id = \(company)::uuid
                """
            ),
            (
                "purchases",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY created_at), '[]')::text AS section
                FROM purchases x WHERE company_id = \(company)::uuid
                """
            ),
            (
                "credit_ledger",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY id), '[]')::text AS section
                FROM credit_ledger x WHERE company_id = \(company)::uuid
                """
            ),
            (
                "subscriptions",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(s) || jsonb_build_object(
                    'events', (SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.id), '[]') FROM subscription_events e
                               WHERE e.subscription_id = s.id),
                    'payments', (SELECT coalesce(jsonb_agg(to_jsonb(p)), '[]') FROM subscription_payments p
                                 WHERE p.subscription_id = s.id)) ORDER BY created_at), '[]')::text AS section
                FROM subscriptions s WHERE company_id = \(company)::uuid
                """
            ),
            (
                "usage",
                """
                SELECT jsonb_build_object(
                    'daily', (SELECT coalesce(jsonb_agg(to_jsonb(d) ORDER BY day, metric), '[]') FROM usage_daily_exact d
                              WHERE company_id = \(company)::uuid),
                    'closed_periods', (SELECT coalesce(jsonb_agg(to_jsonb(b) ORDER BY period_start), '[]')
                                       FROM billing_period_closes b WHERE company_id = \(company)::uuid))::text AS section
                """
            ),
            (
                "pricing",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(p) - 'created_by' || jsonb_build_object('metrics',
                    (SELECT coalesce(jsonb_agg(to_jsonb(m)), '[]') FROM company_pricing_metrics m
                     WHERE m.pricing_id = p.id)) ORDER BY p.id), '[]')::text AS section
                FROM company_pricing p WHERE company_id = \(company)::uuid
                """
            ),
            (
                "invoices",
                """
                SELECT coalesce(jsonb_agg(jsonb_build_object(
                    'id', i.id, 'number', i.number, 'kind', i.kind, 'corrects', i.corrects, 'status', i.status,
                    'issue_date', i.issue_date, 'currency', i.currency, 'net_cents', i.net_cents,
                    'vat_cents', i.vat_cents, 'gross_cents', i.gross_cents, 'retain_until', i.retain_until,
                    'buyer', i.buyer,
                    'links', jsonb_build_object('self', '/api/v1/invoices/' || i.id, 'pdf', '/api/v1/invoices/' || i.id || '/pdf',
                                                'xml', '/api/v1/invoices/' || i.id || '/xml'),
                    'lines', (SELECT coalesce(jsonb_agg(to_jsonb(l) - 'invoice_id' ORDER BY position), '[]')
                              FROM invoice_lines l WHERE l.invoice_id = i.id),
                    'documents', (SELECT coalesce(jsonb_agg(d.kind ORDER BY d.kind), '[]') FROM invoice_documents d
                                  WHERE d.invoice_id = i.id)
                ) ORDER BY i.issue_date, i.number), '[]')::text AS section
                FROM invoices i WHERE company_id = \(company)::uuid
                """
            ),
            (
                "referrals",
                """
                SELECT jsonb_build_object(
                    'code', (SELECT code FROM referral_codes WHERE company_id = \(company)::uuid),
                    'referred_by_us', (SELECT coalesce(jsonb_agg(to_jsonb(r) - 'referred_company_id' ORDER BY created_at), '[]')
                                       FROM referrals r WHERE referrer_company_id = \(company)::uuid),
                    'our_referral', (SELECT to_jsonb(r) - 'referrer_company_id' FROM referrals r
                                     WHERE referred_company_id = \(company)::uuid))::text AS section
                """
            ),
            (
                "erasure_records",
                """
                SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY erased_at), '[]')::text AS section
                FROM erasure_records x WHERE company_id = \(company)::uuid
                """
            ),
        ]
    }
}
