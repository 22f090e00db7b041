/// Renders `/metrics`: OpenMetrics text with requests by route and status, latency histograms by route
/// (aggregated across all workers through the scoreboard), pool gauges, restarts and database errors.
public enum MetricsPage {
    /// The `Content-Type` of the page.
    public static let contentType = "application/openmetrics-text; version=1.0.0; charset=utf-8"

    /// The page body.
    public static func render(_ s: PoolStatus) -> String {
        var out = ""
        out += "# HELP codezero_http_requests Requests served, by route pattern and status.\n"
        out += "# TYPE codezero_http_requests counter\n"
        for entry in s.routeStatusCounts {
            let status = entry.status.map { "\($0)" } ?? "other"
            out += "codezero_http_requests_total{route=\"\(label(entry.route))\",status=\"\(status)\"} \(entry.count)\n"
        }
        out += "# HELP codezero_http_request_duration_seconds Request latency, by route pattern.\n"
        out += "# TYPE codezero_http_request_duration_seconds histogram\n"
        out += "# UNIT codezero_http_request_duration_seconds seconds\n"
        for latency in s.routeLatencies {
            let route = label(latency.route)
            var cumulative = 0
            for (index, count) in latency.buckets.enumerated() {
                cumulative += count
                let bound =
                    index < ScoreboardLayout.bucketBounds.count
                    ? seconds(Int(ScoreboardLayout.bucketBounds[index])) : "+Inf"
                out +=
                    "codezero_http_request_duration_seconds_bucket{route=\"\(route)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "codezero_http_request_duration_seconds_sum{route=\"\(route)\"} \(seconds(latency.sumMicros))\n"
            out += "codezero_http_request_duration_seconds_count{route=\"\(route)\"} \(latency.count)\n"
        }
        let gauges: [(String, String, String, Int)] = [
            ("pool_idle_processes", "gauge", "Idle workers.", s.idleProcesses),
            ("pool_active_processes", "gauge", "Workers in a request.", s.activeProcesses),
            ("pool_total_processes", "gauge", "Live workers.", s.totalProcesses),
            ("pool_max_children", "gauge", "Configured maximum of workers.", s.maxChildren),
            ("pool_listen_queue", "gauge", "Connections waiting to be accepted.", s.listenQueue),
            ("pool_generation", "gauge", "Current worker generation (reloads + 1).", s.generation),
        ]
        for (name, type, help, value) in gauges {
            out += "# HELP codezero_\(name) \(help)\n# TYPE codezero_\(name) \(type)\ncodezero_\(name) \(value)\n"
        }
        let counters: [(String, String, Int)] = [
            ("pool_accepted_connections", "Requests accepted by the pool.", s.acceptedConnections),
            ("pool_restarts", "Workers replaced after a crash or a request timeout.", s.restarts),
            ("pool_timed_out_requests", "Workers killed for a request timeout.", s.timedOutRequests),
            ("pool_slow_requests", "Requests slower than the slow-request threshold.", s.slowRequests),
            ("database_errors", "Database errors seen by workers.", s.databaseErrors),
        ]
        for (name, help, value) in counters {
            out += "# HELP codezero_\(name) \(help)\n# TYPE codezero_\(name) counter\ncodezero_\(name)_total \(value)\n"
        }
        return out + "# EOF\n"
    }

    static func seconds(_ micros: Int) -> String {
        let whole = micros / 1_000_000
        var fraction = String(micros % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 1 && fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }

    static func label(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
