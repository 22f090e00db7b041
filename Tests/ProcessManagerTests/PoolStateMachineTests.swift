import Testing

@testable import ProcessManager

/// The pool's rules, driven with a fake clock: no process is started here.
@Suite struct PoolStateMachineTests {
    let t0 = MonotonicInstant(nanoseconds: 1_000_000_000)

    func startedMachine(
        workers: Int = 2, configure: (inout PoolConfiguration) -> Void = { _ in }
    )
        -> (PoolStateMachine, [Int32])
    {
        var configuration = PoolConfiguration(maxChildren: workers)
        configure(&configuration)
        var machine = PoolStateMachine(configuration: configuration)
        #expect(machine.start(now: t0) == [.spawn(count: workers, generation: 1)])
        let pids = (0..<workers).map { Int32(100 + $0) }
        for pid in pids { machine.workerStarted(pid: pid, generation: 1, now: t0) }
        return (machine, pids)
    }

    @Test(arguments: [1, 4, 16]) func startSpawnsTheConfiguredWorkers(workers: Int) {
        let (machine, _) = startedMachine(workers: workers)
        #expect(machine.activeWorkers == workers)
        #expect(machine.phase == .running)
        #expect(machine.totalSpawned == workers)
    }

    @Test func aCrashedWorkerIsReplacedAtOnce() {
        var (machine, pids) = startedMachine()
        let actions = machine.workerExited(pid: pids[0], status: .signalled(signal: 9), now: t0.advanced(bySeconds: 1))
        #expect(
            actions == [
                .log(.workerExitedUnexpectedly(pid: pids[0], status: .signalled(signal: 9))),
                .spawn(count: 1, generation: 1),
            ])
    }

    @Test func aCleanExitIsARecycleReplacedAtOnceAndNotACrash() {
        var (machine, pids) = startedMachine(workers: 1) { $0.crashThreshold = 1 }
        var pid = pids[0]
        for step in 0..<5 {
            let actions = machine.workerExited(
                pid: pid, status: .exited(code: 0), now: t0.advanced(bySeconds: 0.01 * Double(step)))
            #expect(actions == [.log(.workerRecycled(pid: pid)), .spawn(count: 1, generation: 1)])
            pid += 1
            machine.workerStarted(pid: pid, generation: 1, now: t0)
        }
        #expect(machine.restarts == 0)
    }

    @Test func unknownPidsAreIgnored() {
        var (machine, _) = startedMachine()
        #expect(machine.workerExited(pid: 999, status: .exited(code: 1), now: t0).isEmpty)
    }

    @Test func aCrashLoopBacksOffExponentiallyAndRecovers() {
        var (machine, _) = startedMachine(workers: 1) {
            $0.crashThreshold = 3
            $0.crashWindow = 10
            $0.initialBackoff = 1
            $0.maximumBackoff = 4
        }
        var now = t0
        var pid: Int32 = 100
        // Two deaths: still below the threshold, replaced at once.
        for _ in 0..<2 {
            now = now.advanced(bySeconds: 0.1)
            #expect(
                machine.workerExited(pid: pid, status: .exited(code: 1), now: now).last
                    == .spawn(count: 1, generation: 1))
            pid += 1
            machine.workerStarted(pid: pid, generation: 1, now: now)
        }
        // The third death inside the window backs off for 1 s.
        now = now.advanced(bySeconds: 0.1)
        #expect(
            machine.workerExited(pid: pid, status: .exited(code: 1), now: now) == [
                .log(.workerExitedUnexpectedly(pid: pid, status: .exited(code: 1))),
                .log(.crashLoop(deaths: 3, backoffSeconds: 1)),
            ])
        #expect(machine.spawnNotBefore == now.advanced(bySeconds: 1))
        #expect(machine.tick(now: now.advanced(bySeconds: 0.5)).isEmpty)
        now = now.advanced(bySeconds: 1)
        #expect(machine.tick(now: now) == [.spawn(count: 1, generation: 1)])
        pid += 1
        machine.workerStarted(pid: pid, generation: 1, now: now)
        // Another death doubles the delay, capped by the maximum.
        now = now.advanced(bySeconds: 0.1)
        #expect(
            machine.workerExited(pid: pid, status: .exited(code: 1), now: now).last
                == .log(.crashLoop(deaths: 4, backoffSeconds: 2)))
        now = now.advanced(bySeconds: 2)
        #expect(machine.tick(now: now) == [.spawn(count: 1, generation: 1)])
        pid += 1
        machine.workerStarted(pid: pid, generation: 1, now: now)
        // Once the window has passed without deaths, a crash is replaced at once again.
        now = now.advanced(bySeconds: 30)
        #expect(
            machine.workerExited(pid: pid, status: .exited(code: 1), now: now).last == .spawn(count: 1, generation: 1))
    }

    @Test func stopAsksEveryWorkerToFinishThenExits() {
        var (machine, pids) = startedMachine()
        let actions = machine.stop(now: t0)
        #expect(actions == [.log(.stopping(workers: 2))] + pids.map { .signal(pid: $0, signal: .finishAndExit) })
        #expect(machine.workerExited(pid: pids[0], status: .exited(code: 0), now: t0).isEmpty)
        #expect(machine.workerExited(pid: pids[1], status: .signalled(signal: 15), now: t0) == [.exit])
        #expect(machine.phase == .stopped)
    }

    @Test func aStopThatTakesTooLongEscalatesToKill() {
        var (machine, pids) = startedMachine { $0.stopTimeout = 30 }
        _ = machine.stop(now: t0)
        #expect(machine.tick(now: t0.advanced(bySeconds: 29)).isEmpty)
        #expect(machine.phase == .stopping(deadline: t0.advanced(bySeconds: 30)))
        let actions = machine.tick(now: t0.advanced(bySeconds: 30))
        #expect(actions == [.log(.stopTimeoutExceeded(killed: 2))] + pids.map { .signal(pid: $0, signal: .kill) })
    }

    @Test func crashesDuringAStopAreNotReplaced() {
        var (machine, pids) = startedMachine()
        _ = machine.stop(now: t0)
        #expect(machine.workerExited(pid: pids[0], status: .signalled(signal: 11), now: t0).isEmpty)
        #expect(machine.stop(now: t0).isEmpty, "a second stop signal changes nothing")
    }

    @Test func reloadStartsANewGenerationBeforeRetiringTheOld() {
        var (machine, pids) = startedMachine()
        let actions = machine.reload(now: t0)
        #expect(
            actions == [.log(.reloading(generation: 2)), .spawn(count: 2, generation: 2)]
                + pids.map { .signal(pid: $0, signal: .finishAndExit) })
        machine.workerStarted(pid: 200, generation: 2, now: t0)
        machine.workerStarted(pid: 201, generation: 2, now: t0)
        #expect(machine.activeWorkers == 2)
        // The old generation leaving is expected: nothing is respawned for it.
        #expect(machine.workerExited(pid: pids[0], status: .exited(code: 0), now: t0).isEmpty)
        #expect(machine.workerExited(pid: pids[1], status: .signalled(signal: 15), now: t0).isEmpty)
        // A crash in the new generation is replaced in the new generation.
        #expect(
            machine.workerExited(pid: 200, status: .signalled(signal: 6), now: t0).last
                == .spawn(count: 1, generation: 2))
    }

    @Test func aFailedSpawnCountsTowardsTheCrashLoop() {
        var machine = PoolStateMachine(
            configuration: PoolConfiguration(maxChildren: 1, crashThreshold: 1, initialBackoff: 0.5))
        _ = machine.start(now: t0)
        #expect(machine.spawnFailed(generation: 1, now: t0) == [.log(.crashLoop(deaths: 1, backoffSeconds: 0.5))])
        #expect(machine.tick(now: t0.advanced(bySeconds: 0.5)) == [.spawn(count: 1, generation: 1)])
    }

    @Test(arguments: [
        (Int32(0), WorkerExitStatus.exited(code: 0)),
        (Int32(1 << 8), .exited(code: 1)),
        (Int32(9), .signalled(signal: 9)),
        (Int32(15), .signalled(signal: 15)),
    ])
    func waitStatusDecoding(raw: Int32, expected: WorkerExitStatus) {
        #expect(WorkerExitStatus(waitStatus: raw) == expected)
    }
}
