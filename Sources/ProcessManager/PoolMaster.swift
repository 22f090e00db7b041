public import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// The master process: runs ``PoolStateMachine`` against the real operating system.
///
/// Signals, as PHP-FPM: SIGTERM, SIGINT and SIGQUIT stop gracefully (workers finish their request, then
/// exit; after the stop timeout they are killed); SIGHUP and SIGUSR2 reload (a new generation of workers
/// starts on the same socket while the old one finishes). Every check interval it reads the
/// ``Scoreboard`` (request timeouts, spare workers) and publishes its counters there. It never starts
/// threads.
public final class PoolMaster {
    var machine: PoolStateMachine
    private let spawner: WorkerSpawner
    let notifier: SystemdNotifier
    let logger: Logger
    private let clock: () -> MonotonicInstant
    let scoreboard: Scoreboard?
    private let listeningDescriptor: Int32?
    var slots: [Int32: Int] = [:]
    private var freeSlots: [Int]

    /// Creates a master; nothing happens until ``run()``.
    ///
    /// With a `scoreboard`, each worker gets a slot (through ``Scoreboard/workerEnvironment(slot:)``) and the
    /// master enforces the request timeout from it; `listeningDescriptor` lets it sample the listen queue.
    public init(
        configuration: PoolConfiguration,
        spawner: WorkerSpawner,
        notifier: SystemdNotifier,
        logger: Logger,
        scoreboard: Scoreboard? = nil,
        listeningDescriptor: Int32? = nil,
        clock: @escaping () -> MonotonicInstant = MonotonicInstant.now
    ) {
        self.machine = PoolStateMachine(configuration: configuration)
        self.spawner = spawner
        self.notifier = notifier
        self.logger = logger
        self.scoreboard = scoreboard
        self.listeningDescriptor = listeningDescriptor
        self.clock = clock
        self.freeSlots = Array((0..<(scoreboard?.slotCount ?? 0)).reversed())
    }

    /// Runs until a stop completes; returns the process exit status.
    public func run() throws -> Int32 {
        let signals = try SignalReceiver(signals: [SIGCHLD, SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR2])
        perform(machine.start(now: clock()))
        notifier.notify("READY=1\nSTATUS=\(statusLine)\nMAINPID=\(getpid())")
        logger.info(
            "pool started",
            metadata: [
                "pool.style": "\(machine.configuration.style.rawValue)",
                "pool.max_children": "\(machine.configuration.maxChildren)",
                "pool.workers": "\(machine.activeWorkers)",
            ])
        while machine.phase != .stopped {
            let timeout = machine.nextDeadline.map { max(0, $0.seconds(since: clock())) }
            for signal in try signals.wait(timeout: timeout) {
                handle(signal: signal)
            }
            let now = clock()
            perform(machine.tick(now: now))
            if let next = machine.nextCheck, now >= next {
                check(now: now)
            }
        }
        notifier.notify("STOPPING=1")
        logger.info("pool stopped")
        return 0
    }

    private var statusLine: String {
        "\(machine.activeWorkers) workers, generation \(machine.generation), \(machine.restarts) restarts"
    }

    private func handle(signal: Int32) {
        switch signal {
        case SIGCHLD:
            reapChildren()
        case SIGTERM, SIGINT, SIGQUIT:
            notifier.notify("STOPPING=1\nSTATUS=stopping")
            perform(machine.stop(now: clock()))
        case SIGHUP, SIGUSR2:
            notifier.notify("RELOADING=1\nSTATUS=reloading")
            perform(machine.reload(now: clock()))
            notifier.notify("READY=1\nSTATUS=\(statusLine)")
        default:
            break
        }
    }

    private func check(now: MonotonicInstant) {
        reapChildren()
        var activity: [PoolStateMachine.WorkerActivity] = []
        if let scoreboard {
            for (pid, slot) in slots { activity.append(scoreboard.activity(slot: slot, pid: pid)) }
        }
        perform(machine.observe(activity, now: now))
        let active = activity.filter { $0.busySince != nil }.count
        let queue = listeningDescriptor.flatMap { ListenQueue.sample(descriptor: $0) }
        scoreboard?.publish(machine: machine, listenQueue: queue, active: active)
    }

    /// Reaps exited workers. Only the master's own workers are waited for (never `waitpid(-1)`), and this
    /// also runs at every check, so a lost SIGCHLD only delays a respawn by one check interval.
    private func reapChildren() {
        for pid in machine.workers.keys.sorted() {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            // ECHILD: someone else reaped it (only possible when embedded in a bigger process); it is gone.
            guard result == pid || (result < 0 && errno == ECHILD) else { continue }
            let exit = result == pid ? WorkerExitStatus(waitStatus: status) : .exited(code: 255)
            logger.debug("worker exited", metadata: ["worker.pid": "\(pid)", "worker.status": "\(exit)"])
            if let slot = slots.removeValue(forKey: pid) {
                scoreboard?.release(slot: slot)
                freeSlots.append(slot)
            }
            perform(machine.workerExited(pid: pid, status: exit, now: clock()))
        }
    }

    private func perform(_ actions: [PoolStateMachine.Action]) {
        var queue = actions
        while !queue.isEmpty {
            let action = queue.removeFirst()
            switch action {
            case .spawn(let count, let generation):
                for _ in 0..<count { queue.append(contentsOf: spawnOne(generation: generation)) }
            case .signal(let pid, let signal):
                kill(pid, signal == .kill ? SIGKILL : SIGTERM)
            case .log(let event):
                log(event)
            case .exit:
                break
            }
        }
        scoreboard?.publish(machine: machine, listenQueue: nil, active: 0)
    }

    private func spawnOne(generation: Int) -> [PoolStateMachine.Action] {
        var environment = [
            "CODEZERO_MASTER_PID": "\(getpid())", "CODEZERO_GENERATION": "\(generation)",
        ]
        let slot = scoreboard != nil ? freeSlots.popLast() : nil
        if let scoreboard, let slot {
            scoreboard.prepare(slot: slot, generation: generation)
            environment.merge(scoreboard.workerEnvironment(slot: slot)) { $1 }
        }
        do {
            let pid = try spawner.spawn(extraEnvironment: environment)
            if let slot { slots[pid] = slot }
            machine.workerStarted(pid: pid, generation: generation, now: clock())
            return []
        } catch {
            if let slot {
                scoreboard?.release(slot: slot)
                freeSlots.append(slot)
            }
            logger.error("worker spawn failed", metadata: ["error": "\(error)"])
            return machine.spawnFailed(generation: generation, now: clock())
        }
    }
}
