import FastCGI
import Logging
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

    /// Creates the loop on the inherited listening socket (fd 0).
    public init(application: Application, logger: Logger) throws {
        self.application = application
        self.responder = try FastCGIResponder(listeningDescriptor: 0)
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

    private func serve(_ exchange: FastCGIExchange) {
        let started = monotonicNanoseconds()
        let usageBefore = ResourceUsage.now()
        scoreboardRequestStarted(exchange)
        let outcome = application.respond(
            parameters: exchange.parameters, body: exchange.body, bodyTooLarge: exchange.bodyTooLarge)
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
        let usageAfter = ResourceUsage.now()
        scoreboardRequestFinished(
            outcome, started: started, handled: handled, finished: finished,
            cpuMicros: usageAfter.cpuMicroseconds - usageBefore.cpuMicroseconds,
            peakRSSBytes: usageAfter.maximumResidentKiB * 1024)
        logger.info(
            "request",
            metadata: [
                "request.id": "\(outcome.requestID)", "http.method": "\(outcome.method)",
                "http.route": "\(outcome.route)", "http.status": "\(outcome.response.status.code)",
                "duration_ms": "\(Self.milliseconds(finished - started))",
                "db_ms": "\(Self.milliseconds(outcome.databaseNanoseconds))",
                "write_ms": "\(Self.milliseconds(finished - handled))",
                "cpu_ms": "\(Self.milliseconds((usageAfter.cpuMicroseconds - usageBefore.cpuMicroseconds) * 1000))",
                "peak_rss_kib": "\(usageAfter.maximumResidentKiB)",
            ])
    }

    static func milliseconds(_ nanoseconds: Int64) -> String {
        let micros = max(0, nanoseconds / 1000)
        let fraction = String(micros % 1000)
        return "\(micros / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
