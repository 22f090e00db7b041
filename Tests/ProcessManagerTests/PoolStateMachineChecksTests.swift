import Testing

@testable import ProcessManager

/// Request timeouts, dynamic spare workers and stop escalation, on a fake clock.
@Suite struct PoolStateMachineChecksTests {
    let t0 = MonotonicInstant(nanoseconds: 5_000_000_000)

    func machine(
        workers: Int, generationPids: Int32 = 100, configure: (inout PoolConfiguration) -> Void = { _ in }
    ) -> (PoolStateMachine, [Int32]) {
        var configuration = PoolConfiguration(maxChildren: workers)
        configure(&configuration)
        var machine = PoolStateMachine(configuration: configuration)
        guard case .spawn(let count, _) = machine.start(now: t0).first else { return (machine, []) }
        let pids = (0..<count).map { generationPids + Int32($0) }
        for pid in pids { machine.workerStarted(pid: pid, generation: 1, now: t0) }
        return (machine, pids)
    }

    struct TimeoutCase: Sendable, CustomStringConvertible {
        var timeout: Double
        var busyFor: Double?
        var killed: Bool
        var description: String { "timeout \(timeout), busy \(busyFor.map { "\($0)" } ?? "idle")" }
    }

    @Test(arguments: [
        TimeoutCase(timeout: 30, busyFor: nil, killed: false),
        TimeoutCase(timeout: 30, busyFor: 29.9, killed: false),
        TimeoutCase(timeout: 30, busyFor: 30, killed: true),
        TimeoutCase(timeout: 2, busyFor: 5, killed: true),
        TimeoutCase(timeout: 0, busyFor: 1000, killed: false),
    ])
    func aRequestPastTheTimeoutKillsAndReplacesAtOnce(_ example: TimeoutCase) {
        var (machine, pids) = machine(workers: 2) {
            $0.requestTimeout = example.timeout; $0.slowRequestThreshold = 0
        }
        let now = t0.advanced(bySeconds: 100)
        let activity = [
            PoolStateMachine.WorkerActivity(
                pid: pids[0], busySince: example.busyFor.map { now.advanced(bySeconds: -$0) }),
            PoolStateMachine.WorkerActivity(pid: pids[1], busySince: nil),
        ]
        let actions = machine.observe(activity, now: now)
        if example.killed {
            #expect(
                actions == [
                    .log(.requestTimedOut(pid: pids[0], seconds: example.busyFor!)),
                    .signal(pid: pids[0], signal: .kill), .spawn(count: 1, generation: 1),
                ])
            #expect(machine.timedOutRequests == 1)
            #expect(machine.restarts == 1)
            // Seen again before the kill is reaped: not killed twice.
            #expect(machine.observe(activity, now: now.advanced(bySeconds: 1)).isEmpty)
            // Its death is expected: no second replacement, no crash counted.
            #expect(machine.workerExited(pid: pids[0], status: .signalled(signal: 9), now: now).isEmpty)
            #expect(machine.recentDeaths.isEmpty)
        } else {
            #expect(actions.isEmpty)
        }
    }

    @Test func aTimeoutDuringAStopKillsWithoutReplacement() {
        var (machine, pids) = machine(workers: 1) {
            $0.requestTimeout = 5; $0.slowRequestThreshold = 1
        }
        _ = machine.stop(now: t0)
        let now = t0.advanced(bySeconds: 6)
        let actions = machine.observe([.init(pid: pids[0], busySince: t0)], now: now)
        #expect(actions == [.log(.requestTimedOut(pid: pids[0], seconds: 6)), .signal(pid: pids[0], signal: .kill)])
        #expect(machine.workerExited(pid: pids[0], status: .signalled(signal: 9), now: now) == [.exit])
    }

    @Test func checksAreScheduledEveryCheckInterval() {
        var (machine, _) = machine(workers: 1) {
            $0.requestTimeout = 2; $0.slowRequestThreshold = 1
        }
        #expect(machine.configuration.checkInterval == 0.2)
        #expect(machine.nextDeadline == t0.advanced(bySeconds: 0.2))
        _ = machine.observe([], now: t0.advanced(bySeconds: 0.25))
        #expect(machine.nextDeadline == t0.advanced(bySeconds: 0.45))
    }

    struct SpareCase: Sendable, CustomStringConvertible {
        var running: Int
        var busy: Int
        var expected: [PoolStateMachine.Action]
        var description: String { "\(running) running, \(busy) busy" }
    }

    // dynamic: max_children 6, min_spare 2, max_spare 3, spawn rate 2.
    @Test(arguments: [
        SpareCase(running: 3, busy: 0, expected: []),
        SpareCase(running: 3, busy: 1, expected: []),
        SpareCase(running: 3, busy: 2, expected: [.spawn(count: 1, generation: 1)]),
        SpareCase(running: 3, busy: 3, expected: [.spawn(count: 2, generation: 1)]),
        SpareCase(running: 5, busy: 5, expected: [.spawn(count: 1, generation: 1)]),
        SpareCase(running: 6, busy: 6, expected: [.log(.maxChildrenReached(children: 6))]),
        SpareCase(running: 6, busy: 5, expected: [.log(.maxChildrenReached(children: 6))]),
        SpareCase(
            running: 5, busy: 1,
            expected: [.log(.spareWorkerRetired(pid: 104)), .signal(pid: 104, signal: .finishAndExit)]),
    ])
    func dynamicKeepsSpareWorkersBetweenMinAndMax(_ example: SpareCase) {
        var configuration = PoolConfiguration(
            style: .dynamic, maxChildren: 6, startServers: 3, minSpare: 2, maxSpare: 3)
        configuration.maxSpawnRate = 2
        var machine = PoolStateMachine(configuration: configuration)
        #expect(machine.start(now: t0) == [.spawn(count: 3, generation: 1)])
        for index in 0..<example.running {
            machine.workerStarted(pid: 100 + Int32(index), generation: 1, now: t0.advanced(bySeconds: Double(index)))
        }
        let activity = (0..<example.running).map { index in
            PoolStateMachine.WorkerActivity(pid: 100 + Int32(index), busySince: index < example.busy ? t0 : nil)
        }
        #expect(machine.observe(activity, now: t0.advanced(bySeconds: 10)) == example.expected)
        let reached = example.expected.contains { if case .log(.maxChildrenReached) = $0 { true } else { false } }
        #expect(machine.maxChildrenReached == (reached ? 1 : 0))
    }

    @Test func staticIgnoresSpareCounts() {
        var (machine, pids) = machine(workers: 3) {
            $0.minSpare = 3; $0.maxSpare = 3
        }
        let allBusy = pids.map { PoolStateMachine.WorkerActivity(pid: $0, busySince: t0) }
        #expect(machine.observe(allBusy, now: t0.advanced(bySeconds: 1)).isEmpty)
    }

    @Test func aDynamicReloadStartsStartServers() {
        var configuration = PoolConfiguration(
            style: .dynamic, maxChildren: 8, startServers: 2, minSpare: 1, maxSpare: 4)
        configuration.requestTimeout = 0
        var machine = PoolStateMachine(configuration: configuration)
        #expect(machine.start(now: t0) == [.spawn(count: 2, generation: 1)])
        machine.workerStarted(pid: 1, generation: 1, now: t0)
        machine.workerStarted(pid: 2, generation: 1, now: t0)
        #expect(
            machine.reload(now: t0) == [
                .log(.reloading(generation: 2)), .spawn(count: 2, generation: 2),
                .signal(pid: 1, signal: .finishAndExit), .signal(pid: 2, signal: .finishAndExit),
            ])
    }

    @Test func aStopEscalatesToKillThenGivesUpOnSurvivors() {
        var (machine, pids) = machine(workers: 2) { $0.stopTimeout = 10 }
        _ = machine.stop(now: t0)
        #expect(machine.tick(now: t0.advanced(bySeconds: 10)).last == .signal(pid: pids[1], signal: .kill))
        #expect(machine.tick(now: t0.advanced(bySeconds: 14)).isEmpty)
        #expect(
            machine.workerExited(pid: pids[0], status: .signalled(signal: 9), now: t0.advanced(bySeconds: 14)).isEmpty)
        #expect(machine.tick(now: t0.advanced(bySeconds: 15)) == [.log(.stopAbandoned(remaining: 1)), .exit])
        #expect(machine.phase == .stopped)
    }

    @Test func workersStartedDuringAStopAreRetiring() {
        var (machine, _) = machine(workers: 1)
        _ = machine.stop(now: t0)
        machine.workerStarted(pid: 999, generation: 1, now: t0)
        #expect(machine.workers[999]?.retiring == true)
        #expect(machine.activeWorkers == 0)
    }
}
