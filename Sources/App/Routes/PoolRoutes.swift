import Web

/// The loopback-only operator pages (nginx refuses other clients): `/ping`, `/status`, `/metrics`.
///
/// Until the shared scoreboard lands these report what this one worker knows.
enum PoolRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/ping",
            RouteDocumentation(
                "PHP-FPM style ping: answers `pong`.", tag: "operations", access: .loopback, responseType: "text/plain")
        ) { _ in
            var response = Response.text("pong\n")
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
            return response
        }
        table.add(
            .get, "/status",
            RouteDocumentation(
                "Pool status (this worker's view).", tag: "operations", access: .loopback, responseType: "text/plain")
        ) { context in
            var response = Response.text(
                "pool:                 codezero\nprocess manager:      static\nworker pid:           \(getpidValue())\nrequests:             \(context.services.requestsServed)\n"
            )
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
            return response
        }
        table.add(
            .get, "/metrics",
            RouteDocumentation(
                "OpenMetrics (this worker's counters).", tag: "operations", access: .loopback,
                responseType: "application/openmetrics-text")
        ) { context in
            var response = Response.text(
                "# TYPE codezero_worker_requests counter\ncodezero_worker_requests_total{pid=\"\(getpidValue())\"} \(context.services.requestsServed)\n# EOF\n"
            )
            response.headers.replaceOrAdd(
                name: "Content-Type", value: "application/openmetrics-text; version=1.0.0; charset=utf-8")
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
            return response
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif

func getpidValue() -> Int32 { getpid() }
