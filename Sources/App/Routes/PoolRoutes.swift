import Foundation
import Jobs
import ProcessManager
import Storage
import Web

/// The loopback-only operator pages (nginx refuses other clients): `/ping`, `/status` and `/metrics`,
/// read from the pool's shared scoreboard, so every worker answers for the whole pool.
///
/// `/status` speaks PHP-FPM's formats: text, `?json`, `?openmetrics`, each with `?full` for the
/// per-worker list. Outside a pool (a worker started by hand) they answer 503.
enum PoolRoutes {
    static func register(in table: inout RouteTable) {
        table.add(
            .get, "/ping",
            RouteDocumentation(
                "PHP-FPM style ping: answers `pong`.", tag: "operations", access: .loopback, responseType: "text/plain",
                response: .binary, needsDatabase: false)
        ) { _ in
            noStore(Response.text("pong\n"))
        }
        table.add(
            .get, "/status",
            RouteDocumentation(
                "Pool status with PHP-FPM's fields: text, `?json`, `?openmetrics`, `?full` for every worker.",
                tag: "operations", access: .loopback,
                responses: [(200, "Pool status"), (503, "Not running in a pool")], responseType: "text/plain",
                response: .binary, needsDatabase: false)
        ) { context in
            guard let status = snapshot(context.services.configuration) else { return unavailable() }
            let options = StatusPage.options(query: context.request.rawQuery)
            var response = Response.text(StatusPage.render(status, format: options.format, full: options.full))
            response.headers.replaceOrAdd(name: "Content-Type", value: options.format.contentType)
            return noStore(response)
        }
        table.add(
            .get, "/metrics",
            RouteDocumentation(
                "OpenMetrics: requests by route and status, latency histograms, pool gauges, restarts, job queue.",
                tag: "operations", access: .loopback, responses: [(200, "Metrics"), (503, "Not running in a pool")],
                responseType: "application/openmetrics-text", response: .binary, needsDatabase: false)
        ) { context in
            guard let status = snapshot(context.services.configuration) else { return unavailable() }
            var text = MetricsPage.render(status)
            // The job queue (depth, retries, dead jobs) from the database; the page stays useful without it.
            if let jobs = try? JobQueue().stats(on: context.services.database).openMetrics(prefix: "codezero_jobs"),
                text.hasSuffix("# EOF\n")
            {
                text.removeLast("# EOF\n".count)
                text += jobs + (jobs.hasSuffix("\n") ? "" : "\n") + "# EOF\n"
            }
            if let mail = try? MailMetrics.openMetrics(on: context.services.database), text.hasSuffix("# EOF\n") {
                text.removeLast("# EOF\n".count)
                text += mail + "# EOF\n"
            }
            // Payment outcomes and the Stripe events still waiting (for the alerts in ops/prometheus).
            if let payments = try? PaymentMetrics.read(on: context.services.database), text.hasSuffix("# EOF\n") {
                text.removeLast("# EOF\n".count)
                text += payments.openMetrics + "# EOF\n"
            }
            // Incidents by kind (a maintained aggregate, one small read).
            if let counts = try? IncidentStore(connection: context.services.database).counts(),
                text.hasSuffix("# EOF\n")
            {
                text.removeLast("# EOF\n".count)
                text += IncidentMetrics.openMetrics(counts) + "# EOF\n"
            }
            // Invoice rendering backlog: invoices without documents, failing render jobs.
            if let backlog = try? InvoiceStore(connection: context.services.database).renderBacklog(),
                text.hasSuffix("# EOF\n")
            {
                text.removeLast("# EOF\n".count)
                text +=
                    InvoiceRenderMetrics.openMetrics(
                        missingDocuments: backlog.missingDocuments, failingJobs: backlog.failingJobs) + "# EOF\n"
            }
            // The billing run: periods closed, backlog, the latest run's progress and duration.
            if let billing = try? BillingRunStore(connection: context.services.database).metrics(
                now: Int(Date().timeIntervalSince1970)), text.hasSuffix("# EOF\n")
            {
                text.removeLast("# EOF\n".count)
                text += billing.openMetrics + "# EOF\n"
            }
            var response = Response.text(text)
            response.headers.replaceOrAdd(name: "Content-Type", value: MetricsPage.contentType)
            return noStore(response)
        }
    }

    /// The pool's scoreboard, when this worker was started by the master (it was assigned a slot).
    private static func snapshot(_ configuration: Configuration) -> PoolStatus? {
        guard configuration.workerSlot != nil,
            let scoreboard = try? Scoreboard.open(path: configuration.pool.scoreboardPath)
        else { return nil }
        return scoreboard.snapshot()
    }

    private static func unavailable() -> Response {
        noStore(
            Response.text(
                "no pool scoreboard: this worker was not started by codezero serve\n", status: .serviceUnavailable))
    }

    private static func noStore(_ response: Response) -> Response {
        var response = response
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }
}
