import OpenMetrics

/// The billing run's figures for `/metrics` (`codezero_billing_*`).
public struct BillingMetrics: Sendable, Hashable {
    /// Subscription periods closed since the start.
    public var periodsClosedTotal: Int
    /// Subscriptions a run failed to close, summed over runs.
    public var failedTotal: Int
    /// Subscriptions whose period has ended and is not closed yet.
    public var backlog: Int
    /// Periods the latest run closed so far.
    public var lastRunClosed: Int
    /// Failures of the latest run.
    public var lastRunFailed: Int
    /// When the latest run started (seconds since 1970), if any ran.
    public var lastRunStarted: Double?
    /// How long the latest run took (or has taken so far).
    public var lastRunSeconds: Double?
    /// Whether the latest run finished.
    public var lastRunFinished: Bool

    /// The figures as OpenMetrics families (without `# EOF`).
    public var openMetrics: String {
        var metrics = OpenMetricsWriter()
        func family(_ name: String, _ type: OpenMetricsWriter.MetricType, _ help: String, _ value: String) {
            metrics.single("codezero_billing_\(name)", type, help: help, value)
        }
        family(
            "periods_closed", .counter, "Subscription periods closed (each invoiced once).", "\(periodsClosedTotal)")
        family(
            "failures", .counter, "Subscription periods a run could not close (retried by the next run).",
            "\(failedTotal)")
        family("backlog", .gauge, "Subscriptions whose period has ended and is not closed yet.", "\(backlog)")
        family(
            "last_run_closed", .gauge, "Periods the latest billing run closed so far (progress).", "\(lastRunClosed)")
        family("last_run_duration_seconds", .gauge, "Duration of the latest billing run.", "\(lastRunSeconds ?? 0)")
        family(
            "last_run_start_timestamp_seconds", .gauge, "Start of the latest billing run.", "\(lastRunStarted ?? 0)")
        family(
            "last_run_finished", .gauge, "1 when the latest billing run finished, 0 while it runs.",
            lastRunFinished ? "1" : "0")
        return metrics.text
    }
}
