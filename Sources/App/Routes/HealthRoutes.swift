import Postgres
import Web

/// Liveness and readiness for load balancers and orchestration.
enum HealthRoutes {
    /// The liveness answer, built once and sent as prepared bytes (``PreparedAnswer``): load balancers ask for it
    /// all the time.
    static let alive: Response = {
        var response = Response.json(["status": "ok"])
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }()

    static func register(in table: inout RouteTable) {
        table.add(
            "/healthz",
            RouteDocumentation(
                "Liveness: the worker answers; no database.", tag: "health",
                response: .object(["status": .oneOf(["ok"])]), needsDatabase: false),
            answer: alive)
        table.add(
            .get, "/readyz",
            RouteDocumentation(
                "Readiness: 200 when the database answers, else 503.", tag: "health",
                responses: [(200, "Ready"), (503, "The database does not answer")],
                response: .object(["status": .oneOf(["ready"])]))
        ) { context in
            guard context.services.database.isReady(timeout: 1) else {
                throw Problem.serviceUnavailable(retryAfter: 5, detail: "The database does not answer.")
            }
            var response = Response.json(["status": "ready"])
            response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
            return response
        }
    }
}
