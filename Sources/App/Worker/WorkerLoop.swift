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
    /// CPU time and peak memory at the last reading (``sampleUsage(duration:)``; the start of the loop at first).
    private var lastUsage = ResourceUsage.now()
    /// When CPU time is read (a system call) and how a reading is shared among requests.
    private var cpuSampling: CPUTimeSampling
    /// Whether every request is logged (`CODEZERO_LOG_LEVEL=debug`): then each takes the full way and its own
    /// CPU time reading.
    let logsEveryRequest: Bool

    /// Creates the loop on the listening socket `listeningDescriptor` (the inherited fd 0 in a pool worker;
    /// the test harness's live mode passes its own socket). `acceptingItself` (a pool worker, whose stop handlers
    /// restart interrupted calls: ``StopSignal/install(_:restartingCalls:)``): the responder accepts connections
    /// itself, so a stop interrupts only the wait for a request, never one half-read or half-answered
    /// (``FastCGI/FastCGIResponder``).
    public init(
        application: Application, logger: Logger, listeningDescriptor: Int32 = 0, acceptingItself: Bool = false
    ) throws {
        self.application = application
        self.responder = try FastCGIResponder(
            listeningDescriptor: listeningDescriptor, acceptingItself: acceptingItself)
        self.logger = logger
        self.logsEveryRequest = logger.logLevel <= .debug
        self.cpuSampling = CPUTimeSampling(readsEveryRequest: logsEveryRequest)
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

    /// One request. What it costs beyond answering is kept small on purpose (issue #16): the scoreboard slot written
    /// from the parameters' bytes (no strings), a route's prepared answer sent as it is (``PreparedAnswer``: no
    /// parsing, no routing, no rendering), CPU time sampled rather than read per request (``sampleUsage(duration:)``),
    /// no per-request log line unless `CODEZERO_LOG_LEVEL=debug` (nginx's JSON access log already has the request id,
    /// status and upstream time; slow requests and 5xx answers are logged here with their timings), and the route
    /// matched once, by the application, which hands its pattern to the scoreboard.
    private func serve(_ exchange: FastCGIExchange) {
        var kind: RequestGroup.Kind?
        if !exchange.bodyTooLarge {
            exchange.parameters.withRequestLine { kind = RequestGroup.kind(of: $0) }
        }
        guard let kind else { return serve(exchange, prepared: nil) }
        let waiting = responder.acceptPending(upTo: RequestGroup.limit - 1, maximumBodyBytes: maximumBodyBytes)
        guard !waiting.isEmpty else { return serve(exchange, prepared: nil) }
        serveGroup(kind, [exchange] + waiting)
    }

    /// The request a worker accepted and those that were waiting (``RequestGroup``): the writes of `kind` that can be
    /// done together are, in one statement; then those requests are answered, then the others, each as it would have
    /// been alone.
    private func serveGroup(_ kind: RequestGroup.Kind, _ exchanges: [FastCGIExchange]) {
        // Parsed once, for the group and for the answer.
        let parsed = exchanges.map { exchange in
            Result<Request, any Error> { try Request(cgiParameters: exchange.parameters, body: exchange.body) }
        }
        let prepared = RequestGroup.prepare(
            kind, zip(exchanges, parsed).map { $0.bodyTooLarge ? nil : try? $1.get() }, services: application.services)
        for index in exchanges.indices where prepared[index] != nil {
            serve(exchanges[index], parsed: parsed[index], prepared: prepared[index])
        }
        for index in exchanges.indices where prepared[index] == nil {
            serve(exchanges[index], parsed: parsed[index], prepared: nil)
        }
    }

    private func serve(
        _ exchange: FastCGIExchange, parsed: Result<Request, any Error>? = nil, prepared grouped: PreparedWrite?
    ) {
        let started = monotonicNanoseconds()
        let slot = self.slot
        let contentLength = exchange.declaredContentLength ?? exchange.body.count
        let mayUsePrepared = !exchange.bodyTooLarge && !logsEveryRequest && grouped == nil
        var prepared: PreparedAnswer?
        exchange.parameters.withRequestLine { line in
            slot?.requestStarted(
                method: UnsafeRawBufferPointer(line.method), uri: UnsafeRawBufferPointer(line.uri),
                requestID: UnsafeRawBufferPointer(line.requestID), contentLength: contentLength)
            if mayUsePrepared { prepared = application.preparedAnswer(for: line) }
        }
        if let prepared {
            slot?.route(prepared.pattern)
            let handled = monotonicNanoseconds()
            write(prepared.bytes, to: exchange) { self.preparedOutcome(prepared, exchange) }
            finish(
                exchange, status: prepared.status, route: prepared.pattern, databaseNanoseconds: 0, started: started,
                handled: handled
            ) { self.preparedOutcome(prepared, exchange) }
            return
        }
        let outcome = application.respond(
            parameters: exchange.parameters, body: exchange.body, bodyTooLarge: exchange.bodyTooLarge,
            parsed: parsed, prepared: grouped, routed: { slot?.route($0) })
        let handled = monotonicNanoseconds()
        write(outcome.response.cgiBytes(includeBody: outcome.includeBody), to: exchange) { outcome }
        finish(
            exchange, status: outcome.response.status.code, route: outcome.route,
            databaseNanoseconds: outcome.databaseNanoseconds, started: started, handled: handled
        ) { outcome }
    }

    private func write(_ bytes: [UInt8], to exchange: FastCGIExchange, outcome: () -> Application.Outcome) {
        do {
            try exchange.respond(bytes)
        } catch {
            logger.notice(
                "client went away", metadata: ["request.id": "\(outcome().requestID)", "error": "\(error)"])
        }
    }

    /// Ends the exchange, then counts, samples and logs the request; `outcome` describes it for a log line (only
    /// called when one is written).
    private func finish(
        _ exchange: FastCGIExchange, status: Int, route: String, databaseNanoseconds: Int64, started: Int64,
        handled: Int64, outcome: () -> Application.Outcome
    ) {
        exchange.finish()
        application.services.requestsServed += 1
        let finished = monotonicNanoseconds()
        let cpuMicros = sampleUsage(duration: finished - started)
        scoreboardRequestFinished(
            status: status, route: route, databaseNanoseconds: databaseNanoseconds, started: started,
            handled: handled, finished: finished, cpuMicros: cpuMicros,
            peakRSSBytes: lastUsage.maximumResidentKiB * 1024, outcome: outcome)
        if status >= 500 {
            logger.warning(
                "failed request", metadata: accessMetadata(outcome(), started, handled, finished, cpuMicros))
        } else if logsEveryRequest {
            logger.debug("request", metadata: accessMetadata(outcome(), started, handled, finished, cpuMicros))
        }
    }

    /// The CPU time of the request that took `duration` nanoseconds, in microseconds (``CPUTimeSampling``); a
    /// reading also updates the peak memory the scoreboard shows.
    private func sampleUsage(duration: Int64) -> Int64 {
        cpuSampling.request(durationMicros: duration / 1000) {
            let usage = ResourceUsage.now()
            defer { lastUsage = usage }
            return usage.cpuMicroseconds - lastUsage.cpuMicroseconds
        }
    }

    /// The outcome of a request answered with a prepared answer, for its log lines: the request is parsed only then
    /// (for its request id).
    private func preparedOutcome(_ answer: PreparedAnswer, _ exchange: FastCGIExchange) -> Application.Outcome {
        let request = try? Request(cgiParameters: exchange.parameters, body: [])
        return Application.Outcome(
            response: answer.response, includeBody: true, route: answer.pattern, requestID: request?.requestID ?? "",
            method: "GET", path: answer.pattern, databaseNanoseconds: 0)
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
