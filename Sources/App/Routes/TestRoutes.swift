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
            var remaining = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
            var left = timespec()
            // A stop signal interrupts the sleep: keep sleeping, the request finishes first.
            while nanosleep(&remaining, &left) != 0 && errno == EINTR { remaining = left }
            return Response.text("slept \(milliseconds) ms\n")
        }
    }
}
