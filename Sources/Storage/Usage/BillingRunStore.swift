import Domain
public import Postgres

/// The billing run's records (`billing_period_closes`, `billing_runs`, migration 0062) and its work list.
public struct BillingRunStore {
    let connection: PostgresConnection

    /// A store on `connection` (which may be inside the caller's transaction).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Claims the next subscription whose period has ended by `asOf` (seconds since 1970), locked until the
    /// caller's transaction ends; rows other runs hold (and `excluding`) are skipped, so concurrent runs share the work.
    public func claimDue(asOf: Int, excluding: Set<String> = []) throws -> String? {
        let skipped = "{" + excluding.filter(UUIDText.isValid).sorted().joined(separator: ",") + "}"
        let rows = try connection.query(
            """
            SELECT id::text FROM subscriptions
            WHERE status IN ('ACTIVE', 'PAST_DUE') AND current_period_end <= to_timestamp(\(asOf))
                AND NOT (id = ANY (\(skipped)::uuid[]))
            ORDER BY current_period_end, id LIMIT 1 FOR UPDATE SKIP LOCKED
            """)
        return try rows.first?.string("id")
    }

    /// How many subscriptions have a period ended by `asOf` and not yet closed (the backlog).
    public func backlog(asOf: Int) throws -> Int {
        try connection.query(
            """
            SELECT count(*)::bigint AS n FROM subscriptions
            WHERE status IN ('ACTIVE', 'PAST_DUE') AND current_period_end <= to_timestamp(\(asOf))
            """, retryOnConnectionLoss: !connection.isInTransaction)[0].int("n")
    }

    /// Whether the period of `subscriptionID` starting at `periodStart` was closed before.
    public func isClosed(subscriptionID: String, periodStart: Int) throws -> Bool {
        try !connection.query(
            """
            SELECT 1 FROM billing_period_closes
            WHERE subscription_id = \(subscriptionID)::uuid AND period_start = to_timestamp(\(periodStart))
            """
        ).isEmpty
    }

    /// Records a closed period; false when it was recorded before (the primary key decides).
    @discardableResult
    public func recordClose(_ close: PeriodClose) throws -> Bool {
        try connection.execute(
            """
            INSERT INTO billing_period_closes (subscription_id, period_start, period_end, company_id, plan_id,
                next_period_start, next_period_end, base_fee_cents, usage_cents, net_cents, currency, credits_applied,
                credits_expired, lines, invoice_id, run_id)
            VALUES (\(close.subscriptionID)::uuid, to_timestamp(\(close.periodStart)), to_timestamp(\(close.periodEnd)),
                \(close.companyID)::uuid, \(close.planID), to_timestamp(\(close.nextPeriodStart)::bigint),
                to_timestamp(\(close.nextPeriodEnd)::bigint), \(close.baseFeeCents), \(close.usageCents),
                \(close.baseFeeCents + close.usageCents), \(close.currency), \(close.creditsApplied),
                \(close.creditsExpired), \(close.linesJSON)::jsonb, \(close.invoiceID)::uuid, \(close.runID))
            ON CONFLICT (subscription_id, period_start) DO NOTHING
            """) == 1
    }

    /// The closes of a subscription, oldest first.
    public func closes(subscriptionID: String) throws -> [PeriodClose] {
        let rows = try connection.query(
            """
            SELECT subscription_id::text, extract(epoch FROM period_start)::bigint AS period_start,
                extract(epoch FROM period_end)::bigint AS period_end, company_id::text, plan_id,
                extract(epoch FROM next_period_start)::bigint AS next_start,
                extract(epoch FROM next_period_end)::bigint AS next_end, base_fee_cents, usage_cents, currency,
                credits_applied, credits_expired, lines::text AS lines, invoice_id::text, run_id
            FROM billing_period_closes WHERE subscription_id = \(subscriptionID)::uuid ORDER BY period_start
            """)
        return try rows.map { row in
            PeriodClose(
                subscriptionID: try row.string("subscription_id"), periodStart: try row.int("period_start"),
                periodEnd: try row.int("period_end"), companyID: try row.string("company_id"),
                planID: try row.string("plan_id"), nextPeriodStart: try row.optionalInt("next_start"),
                nextPeriodEnd: try row.optionalInt("next_end"), baseFeeCents: try row.int("base_fee_cents"),
                usageCents: try row.int("usage_cents"), currency: try row.string("currency"),
                creditsApplied: try row.int("credits_applied"), creditsExpired: try row.int("credits_expired"),
                linesJSON: try row.string("lines"), invoiceID: try row.optionalString("invoice_id"),
                runID: try row.optionalInt("run_id"))
        }
    }

    /// The buyer data an invoice needs: the company's country and VAT ID.
    public func buyer(companyID: String) throws -> (country: String, vatID: String?) {
        let rows = try connection.query("SELECT country, vat_id FROM companies WHERE id = \(companyID)::uuid")
        guard let row = rows.first else {
            throw PostgresError(code: .invalidUsage, message: "company \(companyID) does not exist")
        }
        return (try row.string("country"), try row.optionalString("vat_id"))
    }

    /// Starts a run record; returns its id.
    public func startRun(trigger: String, asOf: Int) throws -> Int {
        try connection.query(
            "INSERT INTO billing_runs (trigger, as_of) VALUES (\(trigger), to_timestamp(\(asOf))) RETURNING id"
        )[0].int("id")
    }

    /// Adds to a run's counts (committed with each closed period, so progress survives a crash).
    public func count(runID: Int, closed: Int, failed: Int) throws {
        try connection.execute(
            "UPDATE billing_runs SET closed = closed + \(closed), failed = failed + \(failed) WHERE id = \(runID)")
    }

    /// Marks a run finished.
    public func finishRun(id: Int) throws {
        try connection.execute("UPDATE billing_runs SET finished_at = clock_timestamp() WHERE id = \(id)")
    }

    /// The figures for `codezero_billing_*`: closed periods in total, the latest run, the backlog now.
    public func metrics(now: Int) throws -> BillingMetrics {
        let rows = try connection.query(
            """
            SELECT (SELECT count(*) FROM billing_period_closes)::bigint AS closed_total,
                (SELECT coalesce(sum(failed), 0) FROM billing_runs)::bigint AS failed_total,
                r.closed, r.failed, extract(epoch FROM r.started_at)::float8 AS started,
                extract(epoch FROM coalesce(r.finished_at, clock_timestamp()) - r.started_at)::float8 AS duration,
                r.finished_at IS NOT NULL AS finished
            FROM (SELECT 1) AS one LEFT JOIN LATERAL (
                SELECT * FROM billing_runs ORDER BY started_at DESC, id DESC LIMIT 1) AS r ON true
            """, retryOnConnectionLoss: !connection.isInTransaction)
        let row = rows[0]
        return BillingMetrics(
            periodsClosedTotal: try row.int("closed_total"), failedTotal: try row.int("failed_total"),
            backlog: try backlog(asOf: now), lastRunClosed: try row.optionalInt("closed") ?? 0,
            lastRunFailed: try row.optionalInt("failed") ?? 0, lastRunStarted: try row.optionalDouble("started"),
            lastRunSeconds: try row.optionalDouble("duration"),
            lastRunFinished: try row.optionalBool("finished") ?? false)
    }
}
