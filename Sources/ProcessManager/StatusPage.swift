import CivilTime
import OpenMetrics
import Web

#if canImport(Glibc)
    import Glibc
#endif

/// Renders ``PoolStatus`` as PHP-FPM's status page does, with its field names and formats, so existing
/// exporters and dashboards read it: text (default), `?json`, `?openmetrics`, each optionally `?full`.
/// Adds the configured maximum ("max children") and the master's restarts, which PHP-FPM lacks.
public enum StatusPage {
    /// The output formats.
    public enum Format: Sendable, Equatable {
        case text, json, openMetrics

        /// The `Content-Type` for this format.
        public var contentType: String {
            switch self {
            case .text: return "text/plain; charset=utf-8"
            case .json: return "application/json"
            case .openMetrics: return "application/openmetrics-text; version=1.0.0; charset=utf-8"
            }
        }
    }

    /// Picks the format and `full` from a query string such as `json&full` (PHP-FPM's convention).
    public static func options(query: String) -> (format: Format, full: Bool) {
        let keys = Set(query.split(separator: "&").map { $0.split(separator: "=").first.map(String.init) ?? "" })
        let format: Format = keys.contains("json") ? .json : keys.contains("openmetrics") ? .openMetrics : .text
        return (format, keys.contains("full"))
    }

    /// The page body.
    public static func render(_ status: PoolStatus, format: Format, full: Bool) -> String {
        switch format {
        case .text: return text(status, full: full)
        case .json: return json(status, full: full)
        case .openMetrics: return openMetrics(status)
        }
    }

    static func poolFields(_ s: PoolStatus, date: (Int) -> String) -> [(String, String)] {
        [
            ("pool", s.pool), ("process manager", s.processManager), ("start time", date(s.startTime)),
            ("start since", "\(s.startSince)"), ("accepted conn", "\(s.acceptedConnections)"),
            ("listen queue", "\(s.listenQueue)"), ("max listen queue", "\(s.maxListenQueue)"),
            ("listen queue len", "\(s.listenQueueLength)"), ("idle processes", "\(s.idleProcesses)"),
            ("active processes", "\(s.activeProcesses)"), ("total processes", "\(s.totalProcesses)"),
            ("max active processes", "\(s.maxActiveProcesses)"), ("max children reached", "\(s.maxChildrenReached)"),
            ("slow requests", "\(s.slowRequests)"), ("max children", "\(s.maxChildren)"),
            ("max requests", "\(s.maxRequests)"), ("restarts", "\(s.restarts)"),
            ("timed out requests", "\(s.timedOutRequests)"), ("generation", "\(s.generation)"),
        ]
    }

    static func processFields(_ p: PoolStatus.Process, date: (Int) -> String) -> [(String, String)] {
        [
            ("pid", "\(p.pid)"), ("state", p.state), ("start time", date(p.startTime)),
            ("start since", "\(p.startSince)"), ("requests", "\(p.requests)"),
            ("request duration", "\(p.requestDurationMicros)"),
            ("request method", p.requestMethod.isEmpty ? "-" : p.requestMethod),
            ("request URI", p.requestURI.isEmpty ? "-" : p.requestURI), ("content length", "\(p.contentLength)"),
            ("user", "-"), ("script", p.route.isEmpty ? "-" : p.route),
            ("last request cpu", formatTwoDecimals(p.lastRequestCPU)),
            ("last request memory", "\(p.lastRequestMemory)"),
            ("request id", p.requestID.isEmpty ? "-" : p.requestID), ("generation", "\(p.generation)"),
        ]
    }

    static func text(_ s: PoolStatus, full: Bool) -> String {
        func line(_ field: (String, String)) -> String {
            let label = field.0 + ":"
            return label + String(repeating: " ", count: max(1, 22 - label.count)) + field.1 + "\n"
        }
        var out = poolFields(s, date: httpDate).map(line).joined()
        if full {
            for process in s.processes {
                out += "\n************************\n"
                out += processFields(process, date: httpDate).map(line).joined()
            }
        }
        return out
    }

    static func json(_ s: PoolStatus, full: Bool) -> String {
        let textKeys: Set<String> = [
            "pool", "process manager", "state", "request method", "request URI", "user", "script", "request id",
        ]
        // Numeric fields are already formatted numbers (PHP-FPM's `0.00` CPU share included): copied as they are.
        func member(_ name: String, _ field: (String, String), into writer: inout JSONWriter) {
            writer.key(name)
            if textKeys.contains(field.0) { writer.string(field.1) } else { writer.raw(field.1.utf8) }
        }
        var writer = JSONWriter()
        writer.beginObject()
        for field in poolFields(s, date: { "\($0)" }) { member(field.0, field, into: &writer) }
        if full {
            writer.key("processes")
            writer.beginArray()
            for process in s.processes {
                writer.beginObject()
                for field in processFields(process, date: { "\($0)" }) {
                    // PHP-FPM's JSON spells it "request uri".
                    member(field.0 == "request URI" ? "request uri" : field.0, field, into: &writer)
                }
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
        return writer.text
    }

    static func openMetrics(_ s: PoolStatus) -> String {
        let metrics: [(String, OpenMetricsWriter.MetricType, String, Int)] = [
            ("up", .gauge, "Could pool \(s.pool) using a \(s.processManager) PM be reached?", 1),
            ("start_since", .counter, "The number of seconds since the pool has started.", s.startSince),
            ("accepted_connections", .counter, "The number of requests accepted by the pool.", s.acceptedConnections),
            ("listen_queue", .gauge, "The number of requests in the queue of pending connections.", s.listenQueue),
            (
                "max_listen_queue", .counter,
                "The maximum number of requests in the queue of pending connections since the pool has started.",
                s.maxListenQueue
            ),
            (
                "listen_queue_length", .gauge, "The size of the socket queue of pending connections.",
                s.listenQueueLength
            ),
            ("idle_processes", .gauge, "The number of idle processes.", s.idleProcesses),
            ("active_processes", .gauge, "The number of active processes.", s.activeProcesses),
            ("total_processes", .gauge, "The number of idle + active processes.", s.totalProcesses),
            (
                "max_active_processes", .counter, "The maximum number of active processes since the pool has started.",
                s.maxActiveProcesses
            ),
            (
                "max_children_reached", .counter, "The number of times the process limit has been reached.",
                s.maxChildrenReached
            ),
            (
                "slow_requests", .counter, "The number of requests that exceeded the slow request threshold.",
                s.slowRequests
            ),
            ("max_children", .gauge, "The configured maximum number of processes.", s.maxChildren),
            ("restarts", .counter, "Workers replaced after a crash or a request timeout.", s.restarts),
        ]
        var page = OpenMetricsWriter()
        for (name, type, help, value) in metrics {
            // PHP-FPM's own exposition: counters keep their plain name (no `_total`), as its exporters expect.
            page.family("phpfpm_\(name)", type, help: help)
            page.sample("phpfpm_\(name)", value)
        }
        page.end()
        return page.text
    }

    /// PHP-FPM's text date, `02/Dec/2026:16:17:53 +0000` (UTC).
    static func httpDate(_ unixSeconds: Int) -> String {
        CivilFormat.commonLog(seconds: Int64(unixSeconds))
    }

    static func formatTwoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
