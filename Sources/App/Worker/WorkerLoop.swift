import FastCGI
public import Logging
import ProcessManager
import Web

#if canImport(Glibc)
    import Glibc
#endif

/// The body of a `codezero worker` process: accept → route → respond, one request at a time, until a
/// stop signal arrives (the current request is finished first) or the listening socket goes away.
public final class WorkerLoop {
    let application: Application
    let responder: FastCGIResponder
    let logger: Logger
    let maximumBodyBytes: Int
    /// This worker's scoreboard slot (nil when not started by `codezero serve`).
    let slot: WorkerSlot?
    /// CPU time and peak memory at the end of the previous request (or the start of the loop).
    private var lastUsage = ResourceUsage.now()

    /// Creates the loop on the listening socket `listeningDescriptor` (the inherited fd 0 in a pool worker;
    /// the test harness's live mode passes its own socket).
    public init(application: Application, logger: Logger, listeningDescriptor: Int32 = 0) throws {
        self.application = application
        self.responder = try FastCGIResponder(listeningDescriptor: listeningDescriptor)
        self.logger = logger
        self.maximumBodyBytes = application.services.configuration.maximumBodyBytes
        let configuration = application.services.configuration
        self.slot = configuration.workerSlot.flatMap {
            WorkerSlot.attach(path: configuration.pool.scoreboardPath, index: $0)
        }
    }

    /// Runs until stopped; returns the exit status.
    public func run() -> Int32 {
        logger.info("worker started")
        while StopSignal.requested == nil {
            let exchange: FastCGIExchange?
            do {
                exchange = try responder.accept(maximumBodyBytes: maximumBodyBytes)
            } catch {
                logger.error("accept failed, exiting", metadata: ["error": "\(error)"])
                return 1
            }
            guard let exchange else { continue }
            serve(exchange)
            if shouldRecycle {
                logger.info(
                    "max requests reached, exiting", metadata: ["worker.requests": "\(slot?.requestsServed ?? 0)"])
                return 0
            }
        }
        logger.info("worker stopping", metadata: ["signal": "\(StopSignal.requested ?? 0)"])
        return 0
    }

    /// One request. What it costs beyond answering is kept small on purpose (issue #16): one `getrusage` (the CPU
    /// time since the previous request's end, which is this request's accept, parse, handler and write), no
    /// per-request log line unless `CODEZERO_LOG_LEVEL=debug` (nginx's JSON access log already has the request id,
    /// status and upstream time; slow requests and 5xx answers are logged here with their timings), and the route
    /// matched once, by the application, which hands its pattern to the scoreboard.
    private func serve(_ exchange: FastCGIExchange) {
        let started = monotonicNanoseconds()
        scoreboardRequestStarted(exchange)
        let slot = self.slot
        let outcome = application.respond(
            parameters: exchange.parameters, body: exchange.body, bodyTooLarge: exchange.bodyTooLarge,
            routed: { slot?.route($0) })
        let handled = monotonicNanoseconds()
        let bytes = outcome.response.cgiBytes(includeBody: outcome.includeBody)
        do {
            try exchange.respond(bytes)
        } catch {
            logger.notice("client went away", metadata: ["request.id": "\(outcome.requestID)", "error": "\(error)"])
        }
        exchange.finish()
        application.services.requestsServed += 1
        let finished = monotonicNanoseconds()
        let usage = ResourceUsage.now()
        let cpuMicros = usage.cpuMicroseconds - lastUsage.cpuMicroseconds
        lastUsage = usage
        scoreboardRequestFinished(
            outcome, started: started, handled: handled, finished: finished, cpuMicros: cpuMicros,
            peakRSSBytes: usage.maximumResidentKiB * 1024)
        if outcome.response.status.code >= 500 {
            logger.warning("failed request", metadata: accessMetadata(outcome, started, handled, finished, cpuMicros))
        } else {
            logger.debug("request", metadata: accessMetadata(outcome, started, handled, finished, cpuMicros))
        }
    }

    /// The fields of a request's log line (only built when the line is logged).
    private func accessMetadata(
        _ outcome: Application.Outcome, _ started: Int64, _ handled: Int64, _ finished: Int64, _ cpuMicros: Int64
    ) -> Logger.Metadata {
        [
            "request.id": "\(outcome.requestID)", "http.method": "\(outcome.method)",
            "http.route": "\(outcome.route)", "http.status": "\(outcome.response.status.code)",
            "duration_ms": "\(Self.milliseconds(finished - started))",
            "db_ms": "\(Self.milliseconds(outcome.databaseNanoseconds))",
            "write_ms": "\(Self.milliseconds(finished - handled))",
            "cpu_ms": "\(Self.milliseconds(cpuMicros * 1000))",
            "peak_rss_kib": "\(lastUsage.maximumResidentKiB)",
        ]
    }

    static func milliseconds(_ nanoseconds: Int64) -> String {
        let micros = max(0, nanoseconds / 1000)
        let fraction = String(micros % 1000)
        return "\(micros / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
