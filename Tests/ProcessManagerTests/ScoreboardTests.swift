import SystemCalls
import Testing

@testable import ProcessManager

#if canImport(Glibc)
    import Glibc
#endif

/// The shared-memory scoreboard, mapped twice in this process: once as the master, once as a worker slot.
@Suite struct ScoreboardTests {
    static func temporaryPath() -> String {
        var template = Array("/tmp/codezero-scoreboard-XXXXXX".utf8CString)
        let directory = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        return "\(directory)/run/pool.scoreboard"
    }

    func makeScoreboard(
        configure: (inout PoolConfiguration) -> Void = { _ in }
    ) throws -> (Scoreboard, PoolConfiguration) {
        var configuration = PoolConfiguration(
            name: "www", maxChildren: 2, maxRequests: 3, scoreboardPath: Self.temporaryPath())
        configuration.slowRequestThreshold = 0.05
        configure(&configuration)
        return (try Scoreboard.create(configuration: configuration, masterPID: 4242), configuration)
    }

    @Test func aWorkerSlotReportsItsRequestsToTheStatusSnapshot() throws {
        let (scoreboard, _) = try makeScoreboard()
        scoreboard.prepare(slot: 1, generation: 1)
        let slot = try #require(WorkerSlot.attach(environment: scoreboard.workerEnvironment(slot: 1), pid: 777))
        var status = scoreboard.snapshot()
        #expect(status.pool == "www")
        #expect(status.maxChildren == 2)
        #expect(status.masterPID == 4242)
        #expect(status.processes.map(\.pid) == [777])
        #expect(status.processes.first?.state == "Idle")
        #expect(status.idleProcesses == 1 && status.activeProcesses == 0)

        slot.requestStarted(method: "POST", uri: "/api/v1/orders?x=1", requestID: "req-1", contentLength: 12)
        slot.route("/api/v1/orders")
        status = scoreboard.snapshot()
        let running = try #require(status.processes.first)
        #expect(running.state == "Running")
        #expect(running.requestMethod == "POST")
        #expect(running.requestURI == "/api/v1/orders?x=1")
        #expect(running.requestID == "req-1")
        #expect(running.route == "/api/v1/orders")
        #expect(running.contentLength == 12)
        #expect(status.activeProcesses == 1)
        #expect(status.acceptedConnections == 1)
        #expect(scoreboard.activity(slot: 1, pid: 777).busySince != nil)
        #expect(scoreboard.activity(slot: 1, pid: 778).busySince == nil, "another pid's slot is not this worker")

        let summary = slot.requestFinished(
            status: 201, durationMicros: 80_000, cpuMicros: 20_000, peakRSSBytes: 9_000_000)
        #expect(summary.isSlow)
        status = scoreboard.snapshot()
        let idle = try #require(status.processes.first)
        #expect(idle.state == "Idle")
        #expect(idle.requests == 1)
        #expect(idle.requestDurationMicros == 80_000)
        #expect(idle.lastRequestCPU == 25)
        #expect(idle.lastRequestMemory == 9_000_000)
        #expect(idle.lastStatus == 201)
        #expect(status.slowRequests == 1)
        #expect(status.routeStatusCounts == [.init(route: "/api/v1/orders", status: 201, count: 1)])
        #expect(status.routeLatencies.first?.buckets[6] == 1, "80 ms falls in the 100 ms bucket")
        #expect(status.routeLatencies.first?.sumMicros == 80_000)
    }

    @Test func maxRequestsTellsTheWorkerToRecycle() throws {
        let (scoreboard, _) = try makeScoreboard()
        let slot = try #require(WorkerSlot.attach(environment: scoreboard.workerEnvironment(slot: 0), pid: 1))
        for index in 1...3 {
            #expect(!slot.shouldRecycle)
            slot.requestStarted(method: "GET", uri: "/healthz", requestID: "r\(index)")
            slot.requestFinished(status: 200)
        }
        #expect(slot.shouldRecycle)
        #expect(slot.requestsServed == 3)
    }

    @Test func routesAndStatusesAggregateAcrossWorkers() throws {
        let (scoreboard, _) = try makeScoreboard()
        let first = try #require(WorkerSlot.attach(environment: scoreboard.workerEnvironment(slot: 0), pid: 10))
        let second = try #require(WorkerSlot.attach(environment: scoreboard.workerEnvironment(slot: 1), pid: 11))
        for (slot, status) in [(first, 200), (second, 200), (second, 404), (first, 200)] {
            slot.requestStarted(method: "GET", uri: "/de/", requestID: "")
            slot.route("/{lang}/")
            slot.requestFinished(status: status, durationMicros: 3_000, cpuMicros: 0, peakRSSBytes: 0)
        }
        first.requestStarted(method: "GET", uri: "/nope", requestID: "")
        first.requestFinished(status: 404, durationMicros: 20_000_000, cpuMicros: 0, peakRSSBytes: 0)
        let status = scoreboard.snapshot()
        #expect(
            status.routeStatusCounts == [
                .init(route: "(unmatched)", status: 404, count: 1),
                .init(route: "/{lang}/", status: 200, count: 3),
                .init(route: "/{lang}/", status: 404, count: 1),
            ])
        #expect(status.routeLatencies.map(\.count) == [1, 4])
        #expect(status.routeLatencies[0].buckets.last == 1, "20 s lands in +Inf")
        #expect(status.acceptedConnections == 5)
    }

    @Test func aWriterKilledInsideItsRecordDoesNotBlockReaders() throws {
        let (scoreboard, _) = try makeScoreboard()
        let slot = try #require(WorkerSlot.attach(environment: scoreboard.workerEnvironment(slot: 0), pid: 55))
        slot.memory.beginWrite(ScoreboardLayout.slotOffset(0))  // and never ends: the writer "died"
        let status = scoreboard.snapshot()
        #expect(status.processes.map(\.pid) == [55])
        scoreboard.release(slot: 0)
        #expect(scoreboard.snapshot().processes.isEmpty)
    }

    @Test func attachingNeedsAValidScoreboardAndSlot() throws {
        let (scoreboard, _) = try makeScoreboard()
        #expect(WorkerSlot.attach(environment: [:]) == nil)
        #expect(WorkerSlot.attach(environment: scoreboard.workerEnvironment(slot: scoreboard.slotCount)) == nil)
        #expect(
            WorkerSlot.attach(environment: [Scoreboard.pathVariable: "/nonexistent", Scoreboard.slotVariable: "0"])
                == nil)
        #expect(throws: SystemError.self) { try Scoreboard.open(path: "/etc/hostname") }
        let reader = try Scoreboard.open(path: scoreboard.path)
        #expect(reader.snapshot().pool == "www")
    }

    @Test func theMasterPublishesItsCounters() throws {
        let (scoreboard, configuration) = try makeScoreboard()
        var machine = PoolStateMachine(configuration: configuration)
        _ = machine.start(now: MonotonicInstant(nanoseconds: 0))
        machine.workerStarted(pid: 5, generation: 1, now: MonotonicInstant(nanoseconds: 0))
        _ = machine.workerExited(pid: 5, status: .signalled(signal: 9), now: MonotonicInstant(nanoseconds: 1))
        scoreboard.publish(machine: machine, listenQueue: (queued: 3, capacity: 128), active: 2)
        scoreboard.publish(machine: machine, listenQueue: (queued: 1, capacity: 128), active: 1)
        let status = scoreboard.snapshot()
        #expect(status.restarts == 1)
        #expect(status.listenQueue == 1)
        #expect(status.maxListenQueue == 3)
        #expect(status.listenQueueLength == 128)
        #expect(status.maxActiveProcesses == 2)
    }

    @Test func theListenQueueIsReadFromTheKernel() throws {
        let path = Self.temporaryPath().replacingSuffix()
        let socket = try ListeningSocket.bind(path: path, backlog: 17, group: nil)
        defer { socket.close() }
        let clients = (0..<3).map { _ in connectUnix(path) }
        defer { for fd in clients { close(fd) } }
        let sample = try #require(ListenQueue.sample(descriptor: socket.descriptor))
        #expect(sample.capacity == 17)
        #expect(sample.queued == 3)
    }

    @Test func aRequestStartedFromBytesShowsLikeOneFromStrings() throws {
        let (scoreboard, _) = try makeScoreboard()
        let slot = try #require(WorkerSlot.attach(environment: scoreboard.workerEnvironment(slot: 0), pid: 9))
        let method = Array("GET".utf8)
        let uri = Array("/healthz".utf8)
        let id = Array(repeating: UInt8(ascii: "a"), count: 200)  // longer than the field: truncated
        method.withUnsafeBytes { method in
            uri.withUnsafeBytes { uri in
                id.withUnsafeBytes { id in
                    slot.requestStarted(method: method, uri: uri, requestID: id, contentLength: 0)
                }
            }
        }
        let running = try #require(scoreboard.snapshot().processes.first)
        #expect(running.requestMethod == "GET" && running.requestURI == "/healthz" && running.route == "")
        slot.requestStarted(method: "GET", uri: "/healthz", requestID: String(repeating: "a", count: 200))
        #expect(scoreboard.snapshot().processes.first?.requestID == running.requestID)
        #expect(running.requestID.count == ScoreboardLayout.Slot.requestIDCapacity - 1)
        slot.requestStarted(
            method: UnsafeRawBufferPointer(start: nil, count: 0), uri: UnsafeRawBufferPointer(start: nil, count: 0),
            requestID: UnsafeRawBufferPointer(start: nil, count: 0), contentLength: 0)
        let empty = try #require(scoreboard.snapshot().processes.first)
        #expect(empty.requestMethod == "" && empty.requestURI == "" && empty.requestID == "")
    }

    @Test func routesCountUnderTheirOwnNamesWhenTheyAlternate() throws {
        let (scoreboard, _) = try makeScoreboard()
        let slot = try #require(WorkerSlot.attach(environment: scoreboard.workerEnvironment(slot: 0), pid: 9))
        for route in ["/a", "/a", "/b", "/a", String("/b".utf8.map { Character(UnicodeScalar($0)) })] {
            slot.requestStarted(method: "GET", uri: route, requestID: "")
            slot.route(route)
            slot.requestFinished(status: 200)
        }
        slot.requestStarted(method: "GET", uri: "/none", requestID: "")
        slot.requestFinished(status: 404)
        let counts = scoreboard.snapshot().routeStatusCounts.sorted { $0.route < $1.route }
        #expect(
            counts == [
                .init(route: "(unmatched)", status: 404, count: 1), .init(route: "/a", status: 200, count: 3),
                .init(route: "/b", status: 200, count: 2),
            ])
    }
}

extension String {
    /// The scoreboard's folder with a socket name instead (short enough for `sun_path`).
    fileprivate func replacingSuffix() -> String {
        let directory = split(separator: "/").dropLast(2).joined(separator: "/")
        return "/\(directory)/s.sock"
    }
}

func connectUnix(_ path: String) -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        raw.copyBytes(from: Array(path.utf8))
    }
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
    }
    return fd
}
