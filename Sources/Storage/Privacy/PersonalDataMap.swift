/// Every table of the schema and what happens to the personal data in it on an export (Art. 15/20 GDPR) and an
/// erasure (Art. 17). A test lists the tables from `information_schema` and fails when one is missing here, so a
/// new table must be classified (and, if it holds personal data, exported and erased) before it can land.
public enum PersonalDataMap {
    /// How one table is exported.
    public enum Export: Sendable, Equatable {
        /// In the export under this top-level key.
        case section(String)
        /// Not exported, for this reason (e.g. secrets, pseudonymous counters).
        case notExported(String)
    }

    /// What an erasure does to the table's rows about the erased user or company.
    public enum Erasure: Sendable, Equatable {
        /// The rows are deleted.
        case deleted
        /// The rows stay with their personal fields removed or replaced.
        case anonymised
        /// The rows stay unaltered, for this reason (a legal obligation), until their retention ends.
        case kept(String)
        /// The rows cannot be tied to the person (pseudonymous); the retention table removes them.
        case notLinkable(String)
    }

    /// The treatment of one table that holds personal data.
    public struct Treatment: Sendable, Equatable {
        /// Export.
        public let export: Export
        /// Erasure.
        public let erasure: Erasure
    }

    static func treat(_ export: Export, _ erasure: Erasure) -> Treatment { Treatment(export: export, erasure: erasure) }

    static let bookkeeping = "bookkeeping record behind invoices (§ 147 AO, § 257 HGB), kept until retain_until"

    /// Tables with personal data (directly, or through a user or company they belong to).
    public static let tables: [String: Treatment] = [
        "users": treat(.section("user"), .anonymised),
        "companies": treat(.section("company"), .anonymised),
        "memberships": treat(.section("memberships"), .deleted),
        "sessions": treat(.section("sessions"), .deleted),
        "api_tokens": treat(.section("api_tokens"), .deleted),
        "account_tokens": treat(.section("account_links"), .deleted),
        "company_invitations": treat(.section("invitations"), .deleted),
        "login_failures": treat(.section("failed_sign_ins"), .deleted),
        "second_factor_failures": treat(.notExported("counted failures of a staff member, kept one day"), .deleted),
        "staff_second_factors": treat(.section("second_factor"), .deleted),
        "staff_recovery_codes": treat(.notExported("secrets (hashes only)"), .deleted),
        "rate_limit_counts": treat(
            .notExported("request counters by user id, kept one day"), .notLinkable("removed by the retention job")),
        "audit_log": treat(.section("audit_log"), .anonymised),
        "consent_records": treat(
            .section("consent_records"),
            .notLinkable("pseudonymous cookie id; the export shows the records of the requesting browser")),
        "contact_requests": treat(.section("contact_requests"), .deleted),
        "support_requests": treat(.section("support_requests"), .deleted),
        "support_messages": treat(.section("support_requests"), .deleted),
        "mail_outbox": treat(.section("mail"), .deleted),
        "incidents": treat(.section("incidents"), .anonymised),
        "stripe_events": treat(
            .notExported("Stripe's own messages; Stripe answers requests about them"), .anonymised),
        "stripe_customers": treat(.section("stripe_customer"), .kept("payment records at Stripe; " + bookkeeping)),
        "orders": treat(.section("orders"), .kept(bookkeeping)),
        "order_lines": treat(.section("orders"), .kept(bookkeeping)),
        "order_fulfilment": treat(.section("orders"), .kept(bookkeeping)),
        "order_fulfilment_events": treat(
            .section("orders"), .kept("append-only fulfilment history of an order (staff notes); " + bookkeeping)),
        "purchases": treat(.section("purchases"), .kept(bookkeeping)),
        "catalog_changes": treat(
            .notExported("catalog versions made by staff: only the staff member's user id"),
            .kept("append-only version history of the catalog behind orders and invoices; " + bookkeeping)),
        "credit_ledger": treat(.section("credit_ledger"), .kept(bookkeeping)),
        "subscriptions": treat(.section("subscriptions"), .kept(bookkeeping)),
        "subscription_setups": treat(.notExported("Stripe checkout session ids only"), .kept(bookkeeping)),
        "subscription_payments": treat(.section("subscriptions"), .kept(bookkeeping)),
        "subscription_events": treat(.section("subscriptions"), .kept(bookkeeping)),
        "subscription_charges_due": treat(.notExported("a queue of invoices still to be charged"), .kept(bookkeeping)),
        "billing_period_closes": treat(.section("usage"), .kept(bookkeeping)),
        "usage_events": treat(.notExported("raw metering events; their daily sums are exported"), .kept(bookkeeping)),
        "usage_daily": treat(.section("usage"), .kept(bookkeeping)),
        "usage_closures": treat(.notExported("a date per company"), .kept(bookkeeping)),
        "company_pricing": treat(.section("pricing"), .kept(bookkeeping)),
        "company_pricing_metrics": treat(.section("pricing"), .kept(bookkeeping)),
        "plan_prices": treat(.notExported("staff price changes (staff user id)"), .kept("append-only price history")),
        "invoices": treat(.section("invoices"), .kept("invoice (§ 147 AO, § 14b UStG), unaltered until retain_until")),
        "invoice_lines": treat(
            .section("invoices"), .kept("invoice (§ 147 AO, § 14b UStG), unaltered until retain_until")),
        "invoice_documents": treat(
            .section("invoices"), .kept("invoice (§ 147 AO, § 14b UStG), unaltered until retain_until")),
        "datev_debtor_accounts": treat(.section("company"), .kept(bookkeeping)),
        "referral_codes": treat(.section("referrals"), .deleted),
        "referrals": treat(.section("referrals"), .kept("referral rewards booked in the credit ledger")),
        "erasure_records": treat(.section("erasure_records"), .kept("proof of the erasure (Art. 5 (2) GDPR)")),
        "jobs": treat(
            .notExported("background jobs name record ids only; removed 7 days after they finish"),
            .notLinkable("ids only; removed by the retention job")),
    ]

    /// Tables without personal data, with the reason.
    public static let withoutPersonalData: [String: String] = [
        "schema_migrations": "applied migration files",
        "billing_products": "the credit-pack catalog",
        "catalog_packages": "the service catalog",
        "catalog_addons": "the service catalog",
        "catalog_version": "a version counter",
        "invoice_number_counters": "number counters per series and year",
        "usage_metrics": "metric definitions",
        "usage_fold": "the usage fold's watermark and counters",
        "plans": "plan definitions",
        "plan_price_metrics": "prices per metric",
        "billing_runs": "billing run statistics",
        "incident_counts": "counts per incident kind",
        "payment_outcome_counts": "counts per payment outcome",
        "referral_settings": "reward settings",
        "revenue_daily": "revenue sums per day and currency",
        "jobs_runners": "which jobs process is busy (host:pid), for its wake-ups",
    ]
}
