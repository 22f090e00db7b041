public import Domain
public import Postgres

/// Subscriptions (`subscriptions`, migration 0065). Reads for a company are scoped by it; the lock and the due
/// lists are for the state machine's shell (billing run, dunning, events), which acts on verified facts.
public struct SubscriptionStore {
    let connection: PostgresConnection

    /// A store on `connection` (which may be inside the caller's transaction).
    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    static let columns = """
        id::text, company_id::text, user_id::text, provider, plan_id, pending_plan_id, addons::text AS addons, status,
        extract(epoch FROM current_period_start)::bigint AS period_start,
        extract(epoch FROM current_period_end)::bigint AS period_end, cancel_at_period_end, payment_method_id,
        dunning_invoice_id::text, extract(epoch FROM dunning_first_failure_at)::bigint AS dunning_first_failure_at,
        dunning_failed_attempts, extract(epoch FROM dunning_next_retry_at)::bigint AS dunning_next_retry_at,
        dunning_recovering,
        order_id::text, extract(epoch FROM created_at)::bigint AS created_at,
        extract(epoch FROM canceled_at)::bigint AS canceled_at
        """

    /// Creates an INCOMPLETE subscription; returns it.
    public func create(_ subscription: NewSubscription) throws -> SubscriptionRecord {
        let addons = SubscriptionAddonsJSON.encode(subscription.addons)
        let rows = try connection.query(
            """
            INSERT INTO subscriptions (id, company_id, user_id, provider, plan_id, addons, order_id)
            VALUES (\(subscription.id)::uuid, \(subscription.companyID)::uuid, \(subscription.userID)::uuid, \(subscription.provider),
                \(subscription.planID), \(addons)::jsonb, \(subscription.orderID)::uuid)
            RETURNING \(unescaped: Self.columns)
            """)
        return try Self.record(rows[0])
    }

    /// The company's subscription `id`, or nil (also for another company's id or a malformed id).
    public func subscription(id: String, companyID: String) throws -> SubscriptionRecord? {
        guard UUIDText.isValid(id) else { return nil }
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM subscriptions
            WHERE id = \(id)::uuid AND company_id = \(companyID)::uuid
            """, retryOnConnectionLoss: !connection.isInTransaction)
        return try rows.first.map(Self.record)
    }

    /// The company's subscriptions, newest first.
    public func subscriptions(companyID: String, limit: Int = 100) throws -> [SubscriptionRecord] {
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM subscriptions WHERE company_id = \(companyID)::uuid
            ORDER BY subscriptions.created_at DESC, subscriptions.id LIMIT \(limit)
            """, retryOnConnectionLoss: true)
        return try rows.map(Self.record)
    }

    /// Locks and returns subscription `id` inside the caller's transaction (nil when unknown or malformed).
    public func lockForUpdate(id: String) throws -> SubscriptionRecord? {
        guard UUIDText.isValid(id) else { return nil }
        let rows = try connection.query(
            "SELECT \(unescaped: Self.columns) FROM subscriptions WHERE id = \(id)::uuid FOR UPDATE")
        return try rows.first.map(Self.record)
    }

    /// Stores the state machine's new `state` of subscription `id`.
    public func save(_ state: SubscriptionState, id: String) throws {
        let dunning = state.dunning
        try connection.execute(
            """
            UPDATE subscriptions SET status = \(state.status.rawValue), plan_id = \(state.planID),
                pending_plan_id = \(state.pendingPlanID),
                current_period_start = CASE WHEN \(state.periodEnd) > 0 THEN to_timestamp(\(state.periodStart)) END,
                current_period_end = CASE WHEN \(state.periodEnd) > 0 THEN to_timestamp(\(state.periodEnd)) END,
                cancel_at_period_end = \(state.cancelAtPeriodEnd),
                canceled_at = CASE WHEN \(state.status.rawValue) = 'CANCELED' THEN coalesce(canceled_at, now()) END,
                dunning_invoice_id = \(dunning?.invoiceID)::uuid,
                dunning_first_failure_at = to_timestamp(\(dunning?.firstFailureAt)::bigint),
                dunning_failed_attempts = \(dunning?.failedAttempts ?? 0),
                dunning_next_retry_at = to_timestamp(\(dunning?.nextRetryAt)::bigint),
                dunning_recovering = \(dunning?.recovering ?? false),
                updated_at = now()
            WHERE id = \(id)::uuid
            """)
    }

    /// Records the payment method every invoice of subscription `id` is charged with.
    public func setPaymentMethod(_ paymentMethodID: String, id: String) throws {
        try connection.execute(
            """
            UPDATE subscriptions SET payment_method_id = \(paymentMethodID), updated_at = now()
            WHERE id = \(id)::uuid
            """)
    }

    /// Appends to the subscription's change history (`subscription_events`).
    public func appendEvent(
        _ event: String, subscription: SubscriptionRecord, to status: SubscriptionStatus, actorUserID: String?,
        details: String = "{}"
    ) throws {
        try connection.execute(
            """
            INSERT INTO subscription_events (subscription_id, company_id, event, from_status, to_status, actor_user_id,
                details)
            VALUES (\(subscription.id)::uuid, \(subscription.companyID)::uuid, \(event),
                \(subscription.state.status.rawValue), \(status.rawValue), \(actorUserID)::uuid, \(details)::jsonb)
            """)
    }

    /// The change history of subscription `id`, oldest first: (event, from, to, Unix seconds).
    public func events(subscriptionID: String) throws -> [(event: String, from: String, to: String, at: Int64)] {
        guard UUIDText.isValid(subscriptionID) else { return [] }
        let rows = try connection.query(
            """
            SELECT event, from_status, to_status, extract(epoch FROM created_at)::bigint AS at
            FROM subscription_events WHERE subscription_id = \(subscriptionID)::uuid ORDER BY id
            """)
        return try rows.map {
            (try $0.string("event"), try $0.string("from_status"), try $0.string("to_status"), Int64(try $0.int("at")))
        }
    }

    /// Subscriptions whose period has ended by `asOf` (Unix seconds), oldest first.
    public func periodEnded(asOf: Int64, limit: Int = 500) throws -> [String] {
        let rows = try connection.query(
            """
            SELECT id::text FROM subscriptions
            WHERE status IN ('ACTIVE', 'PAST_DUE') AND current_period_end <= to_timestamp(\(asOf))
            ORDER BY current_period_end, id LIMIT \(limit)
            """)
        return try rows.map { try $0.string("id") }
    }

    /// PAST_DUE subscriptions, and CANCELED ones whose invoice is still being collected, whose next retry is due by
    /// `asOf` (Unix seconds), oldest first.
    public func retryDue(asOf: Int64, limit: Int = 500) throws -> [String] {
        let rows = try connection.query(
            """
            SELECT id::text FROM subscriptions
            WHERE dunning_next_retry_at <= to_timestamp(\(asOf)) AND status IN ('PAST_DUE', 'CANCELED')
            ORDER BY dunning_next_retry_at, id LIMIT \(limit)
            """)
        return try rows.map { try $0.string("id") }
    }

    static func record(_ row: PostgresRow) throws -> SubscriptionRecord {
        let dunningInvoice = try row.optionalString("dunning_invoice_id")
        let dunning = try dunningInvoice.map { invoice in
            Dunning(
                invoiceID: invoice, firstFailureAt: Int64(try row.optionalInt("dunning_first_failure_at") ?? 0),
                failedAttempts: try row.int("dunning_failed_attempts"),
                nextRetryAt: try row.optionalInt("dunning_next_retry_at").map(Int64.init),
                recovering: try row.bool("dunning_recovering"))
        }
        let state = SubscriptionState(
            status: SubscriptionStatus(rawValue: try row.string("status")) ?? .incomplete,
            planID: try row.string("plan_id"), pendingPlanID: try row.optionalString("pending_plan_id"),
            periodStart: Int64(try row.optionalInt("period_start") ?? 0),
            periodEnd: Int64(try row.optionalInt("period_end") ?? 0),
            cancelAtPeriodEnd: try row.bool("cancel_at_period_end"), dunning: dunning)
        return SubscriptionRecord(
            id: try row.string("id"), companyID: try row.string("company_id"),
            userID: try row.optionalString("user_id"), provider: try row.string("provider"),
            addons: SubscriptionAddonsJSON.decode(try row.string("addons")), state: state,
            paymentMethodID: try row.optionalString("payment_method_id"), orderID: try row.optionalString("order_id"),
            createdAt: Int64(try row.int("created_at")), canceledAt: try row.optionalInt("canceled_at").map(Int64.init))
    }
}

extension SubscriptionStore {
    /// Subscription `id` of any company — for admins only (the caller checks the role).
    public func anySubscription(id: String) throws -> SubscriptionRecord? {
        guard UUIDText.isValid(id) else { return nil }
        let rows = try connection.query("SELECT \(unescaped: Self.columns) FROM subscriptions WHERE id = \(id)::uuid")
        return try rows.first.map(Self.record)
    }

    /// The company's subscription started from order `orderID` (at most one: a unique index).
    public func subscription(orderID: String, companyID: String) throws -> SubscriptionRecord? {
        guard UUIDText.isValid(orderID) else { return nil }
        let rows = try connection.query(
            """
            SELECT \(unescaped: Self.columns) FROM subscriptions
            WHERE order_id = \(orderID)::uuid AND company_id = \(companyID)::uuid
            """)
        return try rows.first.map(Self.record)
    }
}
