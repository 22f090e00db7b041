import SystemCalls
import Web

#if canImport(Glibc)
    import Glibc
#endif

/// Routes only the end-to-end tests use, registered only with `CODEZERO_TEST_ROUTES=1`:
/// `GET /test/slow?ms=N` answers after N milliseconds (request timeout, slow log, stop with a request in
/// flight, reload under load).
enum TestRoutes {
    static func register(in table: inout RouteTable, configuration: Configuration) {
        guard configuration.testRoutes else { return }
        table.add(
            .get, "/test/slow",
            RouteDocumentation(
                "Test only: answers after `ms` milliseconds.", tag: "operations", access: .loopback,
                responseType: "text/plain", response: .binary,
                query: [APIParameter("ms", .integer(minimum: 0, maximum: 600_000), "How long to sleep")],
                needsDatabase: false)
        ) { context in
            let milliseconds = min(600_000, max(0, Int(context.request.queryItems["ms"] ?? "") ?? 0))
            // A stop signal does not cut the sleep short: the request finishes first.
            SystemCall.sleep(.milliseconds(milliseconds))
            return Response.text("slept \(milliseconds) ms\n")
        }
    }
}
