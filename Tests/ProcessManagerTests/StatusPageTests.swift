import Foundation
import Testing

@testable import ProcessManager

/// PHP-FPM's status formats, which existing exporters parse, and the `/metrics` page.
@Suite struct StatusPageTests {
    static let sample = PoolStatus(
        pool: "www", processManager: "dynamic", startTime: 1_764_692_273, startSince: 61, acceptedConnections: 12073,
        listenQueue: 0, maxListenQueue: 4, listenQueueLength: 511, idleProcesses: 1, activeProcesses: 1,
        totalProcesses: 2, maxActiveProcesses: 2, maxChildrenReached: 0, slowRequests: 1, maxChildren: 8,
        maxRequests: 500, restarts: 2, timedOutRequests: 1, databaseErrors: 3, generation: 2, masterPID: 40,
        processes: [
            .init(
                pid: 41, generation: 2, state: "Running", startTime: 1_764_692_300, startSince: 34, requests: 7,
                requestDurationMicros: 1250, requestMethod: "GET", requestURI: "/status?json&full", route: "/status",
                requestID: "abc\"d", contentLength: 0, lastRequestCPU: 12.345, lastRequestMemory: 2_097_152,
                lastStatus: 200)
        ],
        routeStatusCounts: [
            .init(route: "/healthz", status: 200, count: 5), .init(route: "/healthz", status: nil, count: 1),
        ],
        routeLatencies: [
            .init(
                route: "/healthz", buckets: [2, 3] + Array(repeating: 0, count: 11) + [1], sumMicros: 1_500_250,
                count: 6)
        ])

    @Test func textMatchesPHPFPMsLayout() {
        let text = StatusPage.render(Self.sample, format: .text, full: false)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "pool:                 www")
        #expect(lines[1] == "process manager:      dynamic")
        #expect(lines[2] == "start time:           02/Dec/2025:16:17:53 +0000")
        #expect(lines.contains("max active processes: 2"))
        #expect(lines.contains("max children reached: 0"))
        #expect(lines.contains("listen queue len:     511"))
        #expect(lines.contains("max children:         8"))
        #expect(!text.contains("pid:"))
    }

    @Test func fullTextListsEveryProcess() {
        let text = StatusPage.render(Self.sample, format: .text, full: true)
        #expect(text.contains("\n************************\npid:                  41\nstate:                Running\n"))
        #expect(text.contains("request URI:          /status?json&full\n"))
        #expect(text.contains("last request cpu:     12.35\n"))
        #expect(text.contains("last request memory:  2097152\n"))
        #expect(text.contains("script:               /status\n"))
    }

    @Test func jsonHasPHPFPMsKeysAndTypes() throws {
        let body = StatusPage.render(Self.sample, format: .json, full: true)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        #expect(object["pool"] as? String == "www")
        #expect(object["start time"] as? Int == 1_764_692_273)
        #expect(object["accepted conn"] as? Int == 12073)
        #expect(object["max children"] as? Int == 8)
        for key in [
            "process manager", "start since", "listen queue", "max listen queue", "listen queue len", "idle processes",
            "active processes", "total processes", "max active processes", "max children reached", "slow requests",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let process = try #require((object["processes"] as? [[String: Any]])?.first)
        #expect(process["pid"] as? Int == 41)
        #expect(process["request uri"] as? String == "/status?json&full")
        #expect(process["request id"] as? String == "abc\"d")
        #expect(process["last request cpu"] as? Double == 12.35)
        #expect(process["request duration"] as? Int == 1250)
        let short = StatusPage.render(Self.sample, format: .json, full: false)
        #expect(!short.contains("processes\":["))
    }

    @Test(arguments: [
        ("", StatusPage.Format.text, false), ("json", .json, false), ("full", .text, true), ("json&full", .json, true),
        ("full&json", .json, true), ("openmetrics", .openMetrics, false), ("html", .text, false),
    ])
    func queryPicksTheFormat(query: String, format: StatusPage.Format, full: Bool) {
        let options = StatusPage.options(query: query)
        #expect(options.format == format)
        #expect(options.full == full)
    }

    @Test func openMetricsUsesPHPFPMsMetricNames() {
        let body = StatusPage.render(Self.sample, format: .openMetrics, full: false)
        #expect(body.contains("# TYPE phpfpm_up gauge\nphpfpm_up 1\n"))
        #expect(body.contains("phpfpm_accepted_connections 12073\n"))
        #expect(body.contains("phpfpm_listen_queue_length 511\n"))
        #expect(body.contains("phpfpm_max_children 8\n"))
        #expect(body.hasSuffix("# EOF\n"))
    }

    @Test func metricsHaveRouteCountersAndCumulativeHistograms() {
        let body = MetricsPage.render(Self.sample)
        #expect(body.contains("codezero_http_requests_total{route=\"/healthz\",status=\"200\"} 5\n"))
        #expect(body.contains("codezero_http_requests_total{route=\"/healthz\",status=\"other\"} 1\n"))
        #expect(body.contains("codezero_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.001\"} 2\n"))
        #expect(body.contains("codezero_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.0025\"} 5\n"))
        #expect(body.contains("codezero_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 6\n"))
        #expect(body.contains("codezero_http_request_duration_seconds_sum{route=\"/healthz\"} 1.50025\n"))
        #expect(body.contains("codezero_database_errors_total 3\n"))
        #expect(body.contains("codezero_pool_restarts_total 2\n"))
        #expect(body.hasSuffix("# EOF\n"))
    }
}
