public import Domain
public import Postgres

/// Plans, their append-only price versions and company pricing (`plans`, `plan_prices`, `company_pricing`,
/// migration 0060).
public struct PlanPriceStore {
    let connection: PostgresConnection

    /// A store on `connection` (which may be inside the caller's transaction).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Every metric, in display order.
    public func metrics() throws -> [UsageMetricRecord] {
        let rows = try connection.query(
            """
            SELECT id, name_de, name_en, unit_de, unit_en, units_per_credit_milli FROM usage_metrics ORDER BY sort, id
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.map { row in
            UsageMetricRecord(
                id: try row.string("id"),
                name: LocalizedText(de: try row.string("name_de"), en: try row.string("name_en")),
                unit: LocalizedText(de: try row.string("unit_de"), en: try row.string("unit_en")),
                unitsPerCredit: try row.optionalInt("units_per_credit_milli").map(UsageQuantity.init(thousandths:)))
        }
    }

    /// Every plan with its list price versions, in catalog order.
    public func plans() throws -> [PlanRecord] {
        let rows = try connection.query(
            """
            SELECT p.id, CASE WHEN p.package_id IS NULL THEN 'addon' ELSE 'package' END AS kind,
                coalesce(cp.name_de, ca.name_de) AS name_de, coalesce(cp.name_en, ca.name_en) AS name_en,
                coalesce(cp.active, ca.active) AS active
            FROM plans p LEFT JOIN catalog_packages cp ON cp.id = p.package_id
                LEFT JOIN catalog_addons ca ON ca.id = p.addon_id
            ORDER BY p.package_id IS NULL, coalesce(cp.sort, ca.sort), p.id
            """, retryOnConnectionLoss: !connection.isInTransaction)
        let versions = try listVersions(planID: nil)
        return try rows.map { row in
            let id = try row.string("id")
            return PlanRecord(
                id: id, kind: try row.string("kind"),
                name: LocalizedText(de: try row.string("name_de"), en: try row.string("name_en")),
                isActive: try row.bool("active"), versions: versions.filter { $0.planID == id })
        }
    }

    /// The plan `id`, or nil.
    public func plan(id: String) throws -> PlanRecord? {
        try plans().first { $0.id == id }
    }

    /// The list price versions of `planID` (all plans when nil), oldest first.
    public func listVersions(planID: String?) throws -> [PlanPrice] {
        let rows = try connection.query(
            """
            SELECT pp.plan_id, extract(epoch FROM pp.effective_from)::bigint AS effective_from, pp.base_fee_cents,
                pp.currency, m.metric, m.included_milli, m.overage_hundredths_cent
            FROM plan_prices pp LEFT JOIN plan_price_metrics m ON m.price_id = pp.id
            WHERE true\(and: "pp.plan_id = $", planID)
            ORDER BY pp.plan_id, pp.effective_from, m.metric
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try Self.versions(rows)
    }

    /// The company's own pricing versions of `planID` (every plan when nil), oldest first.
    public func companyVersions(companyID: String, planID: String?) throws -> [PlanPrice] {
        let rows = try connection.query(
            """
            SELECT cp.plan_id, extract(epoch FROM cp.effective_from)::bigint AS effective_from, cp.base_fee_cents,
                cp.currency, m.metric, m.included_milli, m.overage_hundredths_cent
            FROM company_pricing cp LEFT JOIN company_pricing_metrics m ON m.pricing_id = cp.id
            WHERE cp.company_id = \(companyID)::uuid\(and: "cp.plan_id = $", planID)
            ORDER BY cp.plan_id, cp.effective_from, m.metric
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try Self.versions(rows)
    }

    /// The price of a period of `planID` starting at `periodStart` (seconds since 1970) for `companyID`: the
    /// company's pricing if one applies, else the list price; nil for an unknown plan.
    public func applicable(planID: String, companyID: String, periodStart: Int) throws -> PlanPrice? {
        PlanPrice.applicable(
            at: periodStart, planVersions: try listVersions(planID: planID),
            companyVersions: try companyVersions(companyID: companyID, planID: planID))
    }

    /// Adds a list price version of `price.planID` (effective from `price.effectiveFrom`), in one transaction
    /// unless the caller holds one; false when a version with that start exists already.
    @discardableResult
    public func addListVersion(_ price: PlanPrice, createdBy userID: String?) throws -> Bool {
        try inTransaction { connection in
            let rows = try connection.query(
                """
                INSERT INTO plan_prices (plan_id, effective_from, base_fee_cents, currency, created_by)
                VALUES (\(price.planID), to_timestamp(\(price.effectiveFrom)), \(price.baseFee.cents),
                    \(price.baseFee.currency.code), \(userID)::uuid)
                ON CONFLICT (plan_id, effective_from) DO NOTHING RETURNING id
                """)
            guard let row = rows.first else { return false }
            let id = try row.int("id")
            for allowance in price.allowances {
                try connection.execute(
                    """
                    INSERT INTO plan_price_metrics (price_id, metric, included_milli, overage_hundredths_cent)
                    VALUES (\(id), \(allowance.metric), \(allowance.included.thousandths),
                        \(allowance.overagePrice.hundredthsOfCent))
                    """)
            }
            return true
        }
    }

    /// Adds a company pricing version; false when the company already has one for that plan and start.
    @discardableResult
    public func addCompanyVersion(
        _ price: PlanPrice, companyID: String, note: String?, createdBy userID: String?
    )
        throws -> Bool
    {
        try inTransaction { connection in
            let rows = try connection.query(
                """
                INSERT INTO company_pricing (company_id, plan_id, effective_from, base_fee_cents, currency, note,
                    created_by)
                VALUES (\(companyID)::uuid, \(price.planID), to_timestamp(\(price.effectiveFrom)),
                    \(price.baseFee.cents), \(price.baseFee.currency.code), \(note), \(userID)::uuid)
                ON CONFLICT (company_id, plan_id, effective_from) DO NOTHING RETURNING id
                """)
            guard let row = rows.first else { return false }
            let id = try row.int("id")
            for allowance in price.allowances {
                try connection.execute(
                    """
                    INSERT INTO company_pricing_metrics (pricing_id, metric, included_milli, overage_hundredths_cent)
                    VALUES (\(id), \(allowance.metric), \(allowance.included.thousandths),
                        \(allowance.overagePrice.hundredthsOfCent))
                    """)
            }
            return true
        }
    }

    /// Whether `id` names a customer company (not the operator); false for a malformed id.
    public func isCustomerCompany(id: String) throws -> Bool {
        guard UUIDText.isValid(id) else { return false }
        return try !connection.query("SELECT 1 FROM companies WHERE id = \(id)::uuid AND NOT is_operator").isEmpty
    }

    private func inTransaction<Value>(_ body: (PostgresConnection) throws -> Value) throws -> Value {
        connection.isInTransaction ? try body(connection) : try connection.transaction(body)
    }

    /// Folds rows of (plan_id, effective_from, base_fee_cents, currency, metric?, included, overage), ordered by
    /// plan and start, into versions.
    static func versions(_ rows: PostgresRows) throws -> [PlanPrice] {
        var result: [PlanPrice] = []
        var current: (plan: String, from: Int, fee: Money, allowances: [MetricAllowance])?
        for row in rows {
            let plan = try row.string("plan_id")
            let from = try row.int("effective_from")
            let currency = try Currency(code: try row.string("currency"))
            if let open = current, open.plan != plan || open.from != from {
                result.append(
                    PlanPrice(
                        planID: open.plan, effectiveFrom: open.from, baseFee: open.fee, allowances: open.allowances))
                current = nil
            }
            if current == nil {
                current = (plan, from, Money(cents: try row.int("base_fee_cents"), currency: currency), [])
            }
            if let metric = try row.optionalString("metric") {
                current?.allowances.append(
                    MetricAllowance(
                        metric: metric, included: UsageQuantity(thousandths: try row.int("included_milli")),
                        overagePrice: UnitPrice(
                            hundredthsOfCent: try row.int("overage_hundredths_cent"), currency: currency)))
            }
        }
        if let open = current {
            result.append(
                PlanPrice(planID: open.plan, effectiveFrom: open.from, baseFee: open.fee, allowances: open.allowances))
        }
        return result
    }
}
