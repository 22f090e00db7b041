import OpenMetrics

/// Renders `/metrics`: OpenMetrics text with requests by route and status, latency histograms by route
/// (aggregated across all workers through the scoreboard), pool gauges, restarts and database errors.
public enum MetricsPage {
    /// The `Content-Type` of the page.
    public static let contentType = "application/openmetrics-text; version=1.0.0; charset=utf-8"

    /// The page body.
    public static func render(_ s: PoolStatus) -> String {
        var metrics = OpenMetricsWriter()
        metrics.family("codezero_http_requests", .counter, help: "Requests served, by route pattern and status.")
        for entry in s.routeStatusCounts {
            let status = entry.status.map { "\($0)" } ?? "other"
            metrics.sample("codezero_http_requests_total", ["route": entry.route, "status": status], entry.count)
        }
        metrics.family(
            "codezero_http_request_duration_seconds", .histogram, help: "Request latency, by route pattern.",
            unit: "seconds")
        for latency in s.routeLatencies {
            let route = latency.route
            var cumulative = 0
            for (index, count) in latency.buckets.enumerated() {
                cumulative += count
                let bound =
                    index < ScoreboardLayout.bucketBounds.count
                    ? seconds(Int(ScoreboardLayout.bucketBounds[index])) : "+Inf"
                metrics.sample(
                    "codezero_http_request_duration_seconds_bucket", ["route": route, "le": bound], cumulative)
            }
            metrics.sample("codezero_http_request_duration_seconds_sum", ["route": route], seconds(latency.sumMicros))
            metrics.sample("codezero_http_request_duration_seconds_count", ["route": route], latency.count)
        }
        let gauges: [(String, String, Int)] = [
            ("pool_idle_processes", "Idle workers.", s.idleProcesses),
            ("pool_active_processes", "Workers in a request.", s.activeProcesses),
            ("pool_total_processes", "Live workers.", s.totalProcesses),
            ("pool_max_children", "Configured maximum of workers.", s.maxChildren),
            ("pool_listen_queue", "Connections waiting to be accepted.", s.listenQueue),
            ("pool_generation", "Current worker generation (reloads + 1).", s.generation),
        ]
        for (name, help, value) in gauges {
            metrics.single("codezero_\(name)", .gauge, help: help, value)
        }
        let counters: [(String, String, Int)] = [
            ("pool_accepted_connections", "Requests accepted by the pool.", s.acceptedConnections),
            ("pool_restarts", "Workers replaced after a crash or a request timeout.", s.restarts),
            ("pool_timed_out_requests", "Workers killed for a request timeout.", s.timedOutRequests),
            ("pool_slow_requests", "Requests slower than the slow-request threshold.", s.slowRequests),
            ("database_errors", "Database errors seen by workers.", s.databaseErrors),
        ]
        for (name, help, value) in counters {
            metrics.single("codezero_\(name)", .counter, help: help, value)
        }
        metrics.end()
        return metrics.text
    }

    static func seconds(_ micros: Int) -> String {
        let whole = micros / 1_000_000
        var fraction = String(micros % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 1 && fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

}
