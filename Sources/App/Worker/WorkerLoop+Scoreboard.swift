import Logging
import ProcessManager
import Web

/// The worker's side of the pool's scoreboard: each request shows up in its slot (PHP-FPM's `?full`),
/// counts into `/metrics`, logs its phase timings when slow, and `max_requests` drains the worker.
extension WorkerLoop {
    /// Records the finished request; logs it as slow with per-phase timings past the threshold (`outcome` is only
    /// asked for then).
    func scoreboardRequestFinished(
        status: Int, route: String, databaseNanoseconds database: Int64, started: Int64, handled: Int64,
        finished: Int64, cpuMicros: Int64, peakRSSBytes: Int64, outcome: () -> Application.Outcome
    ) {
        guard let slot else { return }
        if route.hasPrefix("(") { slot.route(route) }
        let summary = slot.requestFinished(
            status: status, durationMicros: Int((finished - started) / 1000),
            cpuMicros: Int(cpuMicros), peakRSSBytes: Int(peakRSSBytes))
        guard summary.isSlow else { return }
        let outcome = outcome()
        logger.warning(
            "slow request",
            metadata: [
                "request.id": "\(outcome.requestID)", "http.method": "\(outcome.method)",
                "http.route": "\(route)", "http.status": "\(status)",
                "duration_ms": "\(Self.milliseconds(finished - started))",
                "phase.database_ms": "\(Self.milliseconds(database))",
                "phase.render_ms": "\(Self.milliseconds(max(0, handled - started - database)))",
                "phase.write_ms": "\(Self.milliseconds(finished - handled))",
            ])
    }

    /// Whether the worker served `max_requests` and should exit now (the master starts a fresh one).
    var shouldRecycle: Bool { slot?.shouldRecycle ?? false }
}
