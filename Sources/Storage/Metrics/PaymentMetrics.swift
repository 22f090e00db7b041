import OpenMetrics
public import Postgres

/// Payment figures for `/metrics`: outcomes so far (`codezero_payments_total{status}`, a counter the database
/// steps, `sql/0072_payment_metrics.sql`) and the age of the oldest Stripe event not processed yet
/// (`codezero_stripe_events_unprocessed_age_seconds`, 0 when none waits).
public struct PaymentMetrics: Sendable, Hashable {
    /// Purchases that reached each outcome (`paid`, `failed`, `refunded`).
    public var outcomes: [String: Int]
    /// Seconds the oldest unprocessed Stripe event has waited.
    public var unprocessedEventAge: Double
    /// Stripe events stored but not processed yet.
    public var unprocessedEvents: Int

    /// Reads the figures: two small queries (three counter rows; the partial index of unprocessed events).
    public static func read(on connection: PostgresConnection) throws -> PaymentMetrics {
        var outcomes: [String: Int] = [:]
        for row in try connection.query("SELECT status, count FROM payment_outcome_counts", retryOnConnectionLoss: true)
        {
            outcomes[try row.string("status")] = try row.int("count")
        }
        let waiting = try connection.query(
            """
            SELECT count(*)::int8 AS events,
                coalesce(extract(epoch FROM now() - min(received_at)), 0)::float8 AS age
            FROM stripe_events WHERE processed_at IS NULL
            """, retryOnConnectionLoss: true)[0]
        return PaymentMetrics(
            outcomes: outcomes, unprocessedEventAge: try waiting.double("age"),
            unprocessedEvents: try waiting.int("events"))
    }

    /// OpenMetrics lines without the final `# EOF`.
    public var openMetrics: String {
        var metrics = OpenMetricsWriter()
        metrics.family("codezero_payments", .counter, help: "Purchases that reached an outcome, by status.")
        for status in ["paid", "failed", "refunded"] {
            metrics.sample("codezero_payments_total", ["status": status], outcomes[status] ?? 0)
        }
        metrics.single(
            "codezero_stripe_events_unprocessed", .gauge, help: "Stripe events stored but not processed yet.",
            unprocessedEvents)
        metrics.single(
            "codezero_stripe_events_unprocessed_age_seconds", .gauge,
            help: "How long the oldest unprocessed Stripe event has waited.", unprocessedEventAge)
        return metrics.text
    }
}
