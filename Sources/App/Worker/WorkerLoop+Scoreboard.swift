import FastCGI
import Logging
import ProcessManager
import Web

/// The worker's side of the pool's scoreboard: each request shows up in its slot (PHP-FPM's `?full`),
/// counts into `/metrics`, logs its phase timings when slow, and `max_requests` drains the worker.
extension WorkerLoop {
    /// Marks the slot running with the request's method, URI and id; the application reports the route it
    /// matched before the handler runs (so a request the master kills for its timeout is logged with it).
    func scoreboardRequestStarted(_ exchange: FastCGIExchange) {
        guard let slot else { return }
        let parameters = exchange.parameters
        slot.requestStarted(
            method: parameters["REQUEST_METHOD"] ?? "", uri: parameters["REQUEST_URI"] ?? "",
            requestID: parameters["REQUEST_ID"] ?? "",
            contentLength: exchange.declaredContentLength ?? exchange.body.count)
    }

    /// Records the finished request; logs it as slow with per-phase timings past the threshold.
    func scoreboardRequestFinished(
        _ outcome: Application.Outcome, started: Int64, handled: Int64, finished: Int64, cpuMicros: Int64,
        peakRSSBytes: Int64
    ) {
        guard let slot else { return }
        if outcome.route.hasPrefix("(") { slot.route(outcome.route) }
        let summary = slot.requestFinished(
            status: outcome.response.status.code, durationMicros: Int((finished - started) / 1000),
            cpuMicros: Int(cpuMicros), peakRSSBytes: Int(peakRSSBytes))
        guard summary.isSlow else { return }
        let database = outcome.databaseNanoseconds
        logger.warning(
            "slow request",
            metadata: [
                "request.id": "\(outcome.requestID)", "http.method": "\(outcome.method)",
                "http.route": "\(outcome.route)", "http.status": "\(outcome.response.status.code)",
                "duration_ms": "\(Self.milliseconds(finished - started))",
                "phase.database_ms": "\(Self.milliseconds(database))",
                "phase.render_ms": "\(Self.milliseconds(max(0, handled - started - database)))",
                "phase.write_ms": "\(Self.milliseconds(finished - handled))",
            ])
    }

    /// Whether the worker served `max_requests` and should exit now (the master starts a fresh one).
    var shouldRecycle: Bool { slot?.shouldRecycle ?? false }
}
