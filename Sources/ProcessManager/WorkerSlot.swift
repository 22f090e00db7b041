#if canImport(Glibc)
    import Glibc
#endif

/// A worker's own slot in the ``Scoreboard``: the worker loop reports each request through it.
///
/// Calls are cheap and allocation-free once a route has been seen: fixed offsets in shared memory, a
/// sequence lock around the slot's record, atomic adds for the pool-wide counters. Single-threaded, like
/// the worker.
public final class WorkerSlot {
    /// The phases whose timings a slow request logs.
    public enum Phase: Int, CaseIterable, Sendable {
        /// Reading and parsing the request.
        case parse
        /// Waiting for PostgreSQL.
        case database
        /// Building the response body.
        case render
        /// Writing the response to the socket.
        case write
    }

    /// What a finished request measured, for the access log and the slow log.
    public struct Summary: Sendable, Equatable {
        /// Wall time of the request, microseconds.
        public var durationMicros: Int
        /// CPU time (user + system) of the request, microseconds.
        public var cpuMicros: Int
        /// Peak resident set size of the process so far, bytes.
        public var peakRSSBytes: Int
        /// Whether the request reached the slow-request threshold.
        public var isSlow: Bool
        /// Microseconds per ``Phase`` (indexed by `rawValue`), as marked with ``mark(_:)``.
        public var phaseMicros: [Int]
    }

    /// The slot index.
    public let index: Int
    let memory: SharedMapping
    private let slotCount: Int
    private let offset: Int
    private let slowThresholdMicros: Int
    private let maxRequests: Int
    private var requests = 0
    private var requestStart: Int64 = 0
    private var lastMark: Int64 = 0
    private var phases = [Int](repeating: 0, count: Phase.allCases.count)
    private var routeIndex = -1
    private var routeIndexes: [String: Int] = [:]
    private var lastRoute: (pattern: String, index: Int) = ("", -1)

    /// Attaches to the slot the master assigned (`CODEZERO_SCOREBOARD` and `CODEZERO_SCOREBOARD_SLOT`);
    /// nil when the process was not started by a pool master or the scoreboard cannot be mapped.
    public static func attach(environment: [String: String]) -> WorkerSlot? {
        attach(environment: environment, pid: getpid())
    }

    /// Attaches to slot `index` of the scoreboard at `path` (the worker's configuration read both at start-up);
    /// nil when the scoreboard cannot be mapped or has no such slot.
    public static func attach(path: String, index: Int) -> WorkerSlot? {
        attach(path: path, index: index, pid: getpid())
    }

    /// Attaches on behalf of `pid` (tests play a worker that cannot write shared memory itself).
    static func attach(environment: [String: String], pid: Int32) -> WorkerSlot? {
        guard let path = environment[Scoreboard.pathVariable], let slotText = environment[Scoreboard.slotVariable],
            let index = Int(slotText)
        else { return nil }
        return attach(path: path, index: index, pid: pid)
    }

    private static func attach(path: String, index: Int, pid: Int32) -> WorkerSlot? {
        guard index >= 0,
            let memory = try? SharedMapping.open(path: path, writable: true),
            (try? Scoreboard.validate(memory, path: path)) != nil
        else { return nil }
        let slots = Int(memory.load(ScoreboardLayout.Header.slots))
        guard index < slots else { return nil }
        return WorkerSlot(memory: memory, index: index, slots: slots, pid: pid)
    }

    private init(memory: SharedMapping, index: Int, slots: Int, pid: Int32) {
        self.memory = memory
        self.index = index
        self.slotCount = slots
        self.offset = ScoreboardLayout.slotOffset(index)
        self.slowThresholdMicros = Int(memory.load(ScoreboardLayout.Header.slowThresholdMicros))
        self.maxRequests = Int(memory.load(ScoreboardLayout.Header.maxRequests))
        typealias S = ScoreboardLayout.Slot
        memory.beginWrite(offset)
        memory.store(offset + S.pid, UInt64(pid))
        memory.store(offset + S.state, WorkerState.idle.rawValue)
        memory.endWrite(offset)
    }

    /// Requests this worker served.
    public var requestsServed: Int { requests }

    /// Whether the worker has served `max_requests` and should exit (cleanly) before accepting another.
    public var shouldRecycle: Bool { maxRequests > 0 && requests >= maxRequests }

    /// A request was accepted: the slot shows it as running.
    public func requestStarted(method: String, uri: String, requestID: String, contentLength: Int = 0) {
        var method = method
        var uri = uri
        var requestID = requestID
        method.withUTF8 { method in
            uri.withUTF8 { uri in
                requestID.withUTF8 { requestID in
                    requestStarted(
                        method: UnsafeRawBufferPointer(method), uri: UnsafeRawBufferPointer(uri),
                        requestID: UnsafeRawBufferPointer(requestID), contentLength: contentLength)
                }
            }
        }
    }

    /// A request was accepted, given as the bytes nginx sent (no string is made): the slot shows it as running.
    public func requestStarted(
        method: UnsafeRawBufferPointer, uri: UnsafeRawBufferPointer, requestID: UnsafeRawBufferPointer,
        contentLength: Int
    ) {
        typealias S = ScoreboardLayout.Slot
        let now = MonotonicInstant.now().nanoseconds
        requestStart = now
        lastMark = now
        for index in phases.indices { phases[index] = 0 }
        routeIndex = -1
        memory.add(ScoreboardLayout.Header.acceptedConnections)
        memory.beginWrite(offset)
        memory.store(offset + S.requestStartMonotonic, UInt64(now))
        memory.store(offset + S.requestStartUnixMicros, UInt64(unixMicroseconds()))
        memory.store(offset + S.contentLength, UInt64(max(0, contentLength)))
        memory.writeText(offset + S.method, capacity: S.methodCapacity, bytes: method)
        memory.writeText(offset + S.uri, capacity: S.uriCapacity, bytes: uri)
        memory.writeText(offset + S.requestID, capacity: S.requestIDCapacity, bytes: requestID)
        memory.writeText(
            offset + S.route, capacity: S.routeCapacity, bytes: UnsafeRawBufferPointer(start: nil, count: 0))
        memory.store(offset + S.state, WorkerState.running.rawValue)
        memory.endWrite(offset)
    }

    /// The router matched `pattern` (e.g. `/api/v1/orders/{id}`); `/metrics` counts the request under it.
    public func route(_ pattern: String) {
        typealias S = ScoreboardLayout.Slot
        memory.beginWrite(offset)
        memory.writeText(offset + S.route, capacity: S.routeCapacity, pattern)
        memory.endWrite(offset)
        // A worker mostly sees the same routes again: the previous one is compared first (the same string storage
        // compares without reading it), before the dictionary's hash.
        if lastRoute.index >= 0 && pattern == lastRoute.pattern {
            routeIndex = lastRoute.index
        } else if let known = routeIndexes[pattern] {
            routeIndex = known
        } else {
            routeIndex = claimRoute(pattern)
            routeIndexes[pattern] = routeIndex
        }
        lastRoute = (pattern, routeIndex)
    }

    /// Ends the current phase: the time since the previous mark (or the request's start) counts as `phase`.
    public func mark(_ phase: Phase) {
        let now = MonotonicInstant.now().nanoseconds
        phases[phase.rawValue] += Int((now - lastMark) / 1000)
        lastMark = now
    }

    /// A worker-side database error (connection lost, query failed): counted for `/metrics`.
    public func databaseError() {
        memory.add(ScoreboardLayout.Header.databaseErrors)
    }

    /// The response was written: records duration, memory and status, and returns what was measured. CPU time
    /// is not measured here (it would take a second `getrusage` per request): the worker passes its own with
    /// ``requestFinished(status:durationMicros:cpuMicros:peakRSSBytes:)``.
    @discardableResult
    public func requestFinished(status: Int) -> Summary {
        let duration = Int(max(0, MonotonicInstant.now().nanoseconds - requestStart) / 1000)
        return requestFinished(
            status: status, durationMicros: duration, cpuMicros: 0, peakRSSBytes: WorkerSlot.peakRSSBytes())
    }

    /// Like ``requestFinished(status:)`` with measurements taken by the caller.
    @discardableResult
    public func requestFinished(status: Int, durationMicros: Int, cpuMicros: Int, peakRSSBytes: Int) -> Summary {
        typealias S = ScoreboardLayout.Slot
        requests += 1
        let isSlow = slowThresholdMicros > 0 && durationMicros >= slowThresholdMicros
        if isSlow { memory.add(ScoreboardLayout.Header.slowRequests) }
        memory.beginWrite(offset)
        memory.store(offset + S.requests, UInt64(requests))
        memory.store(offset + S.lastDurationMicros, UInt64(max(0, durationMicros)))
        memory.store(offset + S.lastCPUMicros, UInt64(max(0, cpuMicros)))
        memory.store(offset + S.lastMemoryBytes, UInt64(max(0, peakRSSBytes)))
        memory.store(offset + S.lastStatus, UInt64(max(0, status)))
        for phase in phases.indices {
            memory.store(offset + S.phases + phase * 8, UInt64(max(0, phases[phase])))
        }
        memory.store(offset + S.state, WorkerState.idle.rawValue)
        memory.endWrite(offset)
        if routeIndex < 0 { route("(unmatched)") }
        count(route: routeIndex, status: status, durationMicros: durationMicros)
        return Summary(
            durationMicros: durationMicros, cpuMicros: cpuMicros, peakRSSBytes: peakRSSBytes, isSlow: isSlow,
            phaseMicros: phases)
    }

    // MARK: route table

    private func claimRoute(_ pattern: String) -> Int {
        typealias R = ScoreboardLayout.Route
        for index in 0..<(ScoreboardLayout.routeCount - 1) {
            let entry = ScoreboardLayout.routeOffset(index, slots: slotCount)
            var state = memory.load(entry + R.state)
            if state == 0 && memory.compareExchange(entry + R.state, expected: 0, desired: 1) {
                memory.writeText(entry + R.name, capacity: R.nameCapacity, pattern)
                memory.store(entry + R.state, 2)
                return index
            }
            for _ in 0..<1000 where state == 1 { state = memory.load(entry + R.state) }
            if state == 2 && memory.textEquals(entry + R.name, capacity: R.nameCapacity, pattern) { return index }
        }
        // The table is full: the last entry collects everything else.
        let last = ScoreboardLayout.routeCount - 1
        let entry = ScoreboardLayout.routeOffset(last, slots: slotCount)
        if memory.compareExchange(entry + R.state, expected: 0, desired: 1) {
            memory.writeText(entry + R.name, capacity: R.nameCapacity, "(other)")
            memory.store(entry + R.state, 2)
        }
        return last
    }

    private func count(route index: Int, status: Int, durationMicros: Int) {
        typealias R = ScoreboardLayout.Route
        let entry = ScoreboardLayout.routeOffset(index, slots: slotCount)
        let code = UInt64(max(1, status))
        var pair = ScoreboardLayout.statusPairs - 1
        for candidate in 0..<(ScoreboardLayout.statusPairs - 1) {
            let field = entry + R.statusPairs + candidate * 16
            let current = memory.load(field)
            if current == code || (current == 0 && memory.compareExchange(field, expected: 0, desired: code)) {
                pair = candidate
                break
            }
            if memory.load(field) == code {
                pair = candidate
                break
            }
        }
        memory.add(entry + R.statusPairs + pair * 16 + 8)
        let micros = UInt64(max(0, durationMicros))
        var bucket = ScoreboardLayout.bucketBounds.count
        for (position, bound) in ScoreboardLayout.bucketBounds.enumerated() where micros <= bound {
            bucket = position
            break
        }
        memory.add(entry + R.buckets + bucket * 8)
        memory.add(entry + R.sumMicros, micros)
        memory.add(entry + R.count)
    }

    // MARK: resource usage

    static func peakRSSBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}
