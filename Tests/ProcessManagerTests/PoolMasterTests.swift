import Testing

@testable import ProcessManager

#if canImport(Glibc)
    import Glibc
#endif

/// The real master with real processes (`/bin/sh` scripts as workers). Serialized: each test owns the
/// children it starts, and the master reaps only its own.
@Suite(.serialized) struct PoolMasterTests {
    /// Stays until SIGTERM, then exits cleanly (a worker with nothing in flight).
    static let politeWorker = "trap 'exit 0' TERM; while :; do sleep 0.05; done"

    @Test func aWorkerKilledWithSIGKILLIsRefilled() throws {
        let pool = try PoolHarness(script: Self.politeWorker)
        defer { pool.stop() }
        try pool.start()
        #expect(eventually { pool.startedPids.count == 2 })
        let victim = try #require(pool.startedPids.first)
        kill(victim, SIGKILL)
        #expect(eventually { pool.startedPids.count == 3 })
        #expect(eventually { pool.logs.contains("worker exited unexpectedly") })
        #expect(eventually { pool.scoreboard.snapshot().restarts == 1 })
        pool.stop()
        #expect(pool.exitCode == 0)
        for pid in pool.startedPids { #expect(!isAlive(pid)) }
    }

    @Test func aRequestPastTheTimeoutIsKilledLoggedAndReplaced() throws {
        let pool = try PoolHarness(script: Self.politeWorker) {
            $0.requestTimeout = 0.6; $0.slowRequestThreshold = 0.3
        }
        defer { pool.stop() }
        try pool.start()
        #expect(eventually { pool.pid(slot: 0) != nil && pool.startedPids.count == 2 })
        let slotIndex = try #require((0..<pool.scoreboard.slotCount).first { pool.pid(slot: $0) != nil })
        let pid = try #require(pool.pid(slot: slotIndex))
        // Play the worker's side: a request that never finishes.
        let slot = try #require(
            WorkerSlot.attach(environment: pool.scoreboard.workerEnvironment(slot: slotIndex), pid: pid))
        slot.requestStarted(method: "GET", uri: "/test/slow?s=60", requestID: "req-timeout-1")
        slot.route("/test/slow")
        let started = MonotonicInstant.now()
        #expect(eventually(5) { !isAlive(pid) })
        #expect(MonotonicInstant.now().seconds(since: started) >= 0.5)
        #expect(eventually { pool.startedPids.count == 3 }, "a replacement starts at once")
        let line = pool.logs.all.first { $0.contains("request timeout") } ?? ""
        #expect(line.contains("request.id=req-timeout-1"))
        #expect(line.contains("request.route=/test/slow"))
        #expect(line.contains("worker.pid=\(pid)"))
        #expect(!pool.logs.contains("worker exited unexpectedly"), "the kill was the master's own")
        #expect(eventually { pool.scoreboard.snapshot().timedOutRequests == 1 })
    }

    @Test func reloadStartsANewGenerationAndRetiresTheOld() throws {
        let pool = try PoolHarness(script: Self.politeWorker)
        defer { pool.stop() }
        try pool.start()
        #expect(eventually { pool.startedPids.count == 2 })
        let old = pool.startedPids
        pool.signal(SIGHUP)
        #expect(eventually { pool.startedPids.count == 4 })
        #expect(eventually { old.allSatisfy { !isAlive($0) } }, "\(old.map(processState)) \(pool.logs.all)")
        let current = Array(pool.startedPids.suffix(2))
        #expect(current.allSatisfy(isAlive))
        #expect(eventually { pool.scoreboard.snapshot().generation == 2 })
        #expect(pool.logs.contains("reloading"))
        #expect(!pool.logs.contains("worker exited unexpectedly"))
    }

    @Test func aStopWaitsForTheRequestInFlight() throws {
        // SIGTERM arrives mid-request: the worker finishes (0.4 s) before exiting.
        let pool = try PoolHarness(script: "trap 'sleep 0.4; exit 0' TERM; while :; do sleep 0.05; done")
        try pool.start()
        #expect(eventually { pool.startedPids.count == 2 })
        let started = MonotonicInstant.now()
        pool.signal(SIGTERM)
        pool.join()
        let elapsed = MonotonicInstant.now().seconds(since: started)
        #expect(pool.exitCode == 0)
        #expect(elapsed >= 0.35 && elapsed < 4, "waited for the in-flight work, not for the stop timeout")
        #expect(!pool.logs.contains("stop timeout exceeded"))
    }

    @Test func aStopEscalatesToSIGKILLAfterTheTimeout() throws {
        let pool = try PoolHarness(script: "trap '' TERM; while :; do sleep 0.05; done") { $0.stopTimeout = 0.5 }
        try pool.start()
        #expect(eventually { pool.startedPids.count == 2 })
        pool.signal(SIGQUIT)
        pool.join()
        #expect(pool.exitCode == 0)
        #expect(pool.logs.contains("stop timeout exceeded"))
        for pid in pool.startedPids { #expect(!isAlive(pid)) }
    }

    @Test func aCrashLoopBacksOffAndSaysSo() throws {
        let pool = try PoolHarness(script: "exit 3") {
            $0.crashThreshold = 3; $0.initialBackoff = 0.2
        }
        defer { pool.stop() }
        try pool.start()
        #expect(eventually { pool.logs.contains("workers keep dying, backing off") })
        let count = pool.startedPids.count
        usleep(100_000)
        #expect(pool.startedPids.count <= count + 2, "no tight respawn loop while backing off")
    }

    @Test func dynamicStartsSparesUpToMaxChildrenAndRetiresIdleOnes() throws {
        let pool = try PoolHarness(script: Self.politeWorker) {
            $0.style = .dynamic
            $0.maxChildren = 3
            $0.startServers = 1
            $0.minSpare = 1
            $0.maxSpare = 2
            $0.requestTimeout = 0  // checks every second
        }
        defer { pool.stop() }
        try pool.start()
        #expect(eventually { pool.startedPids.count == 1 })
        var slots: [WorkerSlot] = []
        func occupyNewestWorker() throws {
            let index = try #require(
                (0..<pool.scoreboard.slotCount).first { index in
                    guard let pid = pool.pid(slot: index) else { return false }
                    return isAlive(pid) && !slots.contains { $0.index == index }
                })
            let pid = try #require(pool.pid(slot: index))
            let slot = try #require(
                WorkerSlot.attach(environment: pool.scoreboard.workerEnvironment(slot: index), pid: pid))
            slot.requestStarted(method: "GET", uri: "/busy", requestID: "busy-\(index)")
            slots.append(slot)
        }
        // Every busy worker leaves no idle one: another starts, until max children.
        try occupyNewestWorker()
        #expect(eventually { pool.startedPids.count == 2 })
        try occupyNewestWorker()
        #expect(eventually { pool.startedPids.count == 3 })
        try occupyNewestWorker()
        #expect(eventually { pool.logs.contains("max children reached") })
        #expect(pool.startedPids.count == 3)
        #expect(eventually { pool.scoreboard.snapshot().maxChildrenReached >= 1 })
        // All idle again: more than max spare, so one retires.
        for slot in slots { slot.requestFinished(status: 200) }
        #expect(eventually { pool.startedPids.filter(isAlive).count == 2 })
    }
}
