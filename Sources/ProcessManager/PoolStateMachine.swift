/// The pool master's decisions as a pure function of (state, event, now) → actions.
///
/// The shell around it (``PoolMaster``) performs the actions (spawning with `posix_spawn`, sending
/// signals) and feeds back what happened. Nothing here touches the operating system, so every rule is
/// tested with tables and a fake clock.
public struct PoolStateMachine: Sendable {
    /// What the shell must do next.
    public enum Action: Equatable, Sendable {
        /// Start `count` workers of `generation`; report each with ``workerStarted(pid:generation:now:)``.
        case spawn(count: Int, generation: Int)
        /// Send `signal` to the worker `pid`.
        case signal(pid: Int32, signal: WorkerSignal)
        /// Something an operator should read in the log.
        case log(PoolEvent)
        /// Every worker is gone after a stop: the master may exit.
        case exit
    }

    /// The signals the master sends to workers.
    public enum WorkerSignal: Equatable, Sendable {
        /// Finish the current request, then exit.
        case finishAndExit
        /// Die now.
        case kill
    }

    /// Notable changes for the log.
    public enum PoolEvent: Equatable, Sendable {
        case workerExitedUnexpectedly(pid: Int32, status: WorkerExitStatus)
        case crashLoop(deaths: Int, backoffSeconds: Double)
        case reloading(generation: Int)
        case stopping(workers: Int)
        case stopTimeoutExceeded(killed: Int)
    }

    /// Where the pool is in its life.
    public enum Phase: Equatable, Sendable {
        case idle
        case running
        case stopping(deadline: MonotonicInstant)
        case stopped
    }

    /// A worker the master knows about.
    public struct Worker: Equatable, Sendable {
        public var pid: Int32
        public var generation: Int
        public var startedAt: MonotonicInstant
        /// Set once the master asked it to stop (reload or shutdown): its exit is expected.
        public var retiring: Bool
    }

    public private(set) var configuration: PoolConfiguration
    public private(set) var phase: Phase = .idle
    public private(set) var generation = 1
    public private(set) var workers: [Int32: Worker] = [:]
    /// Times of unexpected deaths inside the crash window.
    private var recentDeaths: [MonotonicInstant] = []
    /// Workers owed to the current generation that are waiting for the backoff to pass.
    private var pendingSpawns = 0
    private var backoff: Double = 0
    private var spawnNotBefore: MonotonicInstant?
    /// Total workers started since the pool began (for the status page).
    public private(set) var totalSpawned = 0

    /// Creates a state machine for `configuration`.
    public init(configuration: PoolConfiguration) {
        self.configuration = configuration
    }

    /// Workers of the current generation that are alive and not retiring.
    public var activeWorkers: Int {
        workers.values.filter { $0.generation == generation && !$0.retiring }.count
    }

    /// The next moment at which ``tick(now:)`` has something to do, if any.
    public var nextDeadline: MonotonicInstant? {
        switch phase {
        case .stopping(let deadline): return deadline
        case .running: return pendingSpawns > 0 ? spawnNotBefore : nil
        case .idle, .stopped: return nil
        }
    }

    /// Starts the pool: spawn the configured number of workers.
    public mutating func start(now: MonotonicInstant) -> [Action] {
        guard phase == .idle else { return [] }
        phase = .running
        return [.spawn(count: configuration.workers, generation: generation)]
    }

    /// A worker was started by the shell.
    public mutating func workerStarted(pid: Int32, generation: Int, now: MonotonicInstant) {
        totalSpawned += 1
        let retiring: Bool
        if case .stopping = phase { retiring = true } else { retiring = generation != self.generation }
        workers[pid] = Worker(pid: pid, generation: generation, startedAt: now, retiring: retiring)
    }

    /// The shell could not start a worker; counts like a crash so a broken binary does not spin.
    public mutating func spawnFailed(generation: Int, now: MonotonicInstant) -> [Action] {
        guard phase == .running, generation == self.generation else { return [] }
        return recordDeathAndReplace(now: now, count: 1)
    }

    /// A worker exited (reaped by the shell).
    public mutating func workerExited(pid: Int32, status: WorkerExitStatus, now: MonotonicInstant) -> [Action] {
        guard let worker = workers.removeValue(forKey: pid) else { return [] }
        switch phase {
        case .stopping:
            return workers.isEmpty ? finishStop() : []
        case .running:
            if worker.retiring { return [] }
            var actions: [Action] = []
            if !status.isCleanExit {
                actions.append(.log(.workerExitedUnexpectedly(pid: pid, status: status)))
            }
            return actions + recordDeathAndReplace(now: now, count: 1, countsAsCrash: !status.isCleanExit)
        case .idle, .stopped:
            return []
        }
    }

    /// Time passed: spawn what the backoff held back, or escalate a stop that took too long.
    public mutating func tick(now: MonotonicInstant) -> [Action] {
        switch phase {
        case .running:
            guard pendingSpawns > 0, let notBefore = spawnNotBefore, now >= notBefore else { return [] }
            let count = pendingSpawns
            pendingSpawns = 0
            spawnNotBefore = nil
            return [.spawn(count: count, generation: generation)]
        case .stopping(let deadline):
            guard now >= deadline else { return [] }
            let pids = workers.keys.sorted()
            phase = .stopping(deadline: now.advanced(bySeconds: 5))
            if pids.isEmpty { return finishStop() }
            return [.log(.stopTimeoutExceeded(killed: pids.count))] + pids.map { .signal(pid: $0, signal: .kill) }
        case .idle, .stopped:
            return []
        }
    }

    /// Graceful reload: a new generation starts on the same socket; the old one finishes and exits.
    public mutating func reload(now: MonotonicInstant) -> [Action] {
        guard phase == .running else { return [] }
        let old = workers.values.filter { !$0.retiring }.map(\.pid).sorted()
        generation += 1
        pendingSpawns = 0
        spawnNotBefore = nil
        for pid in old { workers[pid]?.retiring = true }
        return [.log(.reloading(generation: generation)), .spawn(count: configuration.workers, generation: generation)]
            + old.map { .signal(pid: $0, signal: .finishAndExit) }
    }

    /// Graceful stop: ask every worker to finish its request and exit; escalate after the stop timeout.
    public mutating func stop(now: MonotonicInstant) -> [Action] {
        switch phase {
        case .idle:
            phase = .stopped
            return [.exit]
        case .running:
            phase = .stopping(deadline: now.advanced(bySeconds: configuration.stopTimeout))
            pendingSpawns = 0
            for pid in workers.keys { workers[pid]?.retiring = true }
            if workers.isEmpty { return finishStop() }
            return [.log(.stopping(workers: workers.count))]
                + workers.keys.sorted().map { .signal(pid: $0, signal: .finishAndExit) }
        case .stopping, .stopped:
            return []
        }
    }

    private mutating func finishStop() -> [Action] {
        phase = .stopped
        return [.exit]
    }

    private mutating func recordDeathAndReplace(now: MonotonicInstant, count: Int, countsAsCrash: Bool = true)
        -> [Action]
    {
        if countsAsCrash {
            recentDeaths.append(now)
        }
        let windowStart = now.advanced(bySeconds: -configuration.crashWindow)
        recentDeaths.removeAll { $0 < windowStart }
        if recentDeaths.count < configuration.crashThreshold {
            if pendingSpawns > 0 {
                pendingSpawns += count
                return []
            }
            backoff = 0
            return [.spawn(count: count, generation: generation)]
        }
        backoff = backoff == 0 ? configuration.initialBackoff : min(backoff * 2, configuration.maximumBackoff)
        pendingSpawns += count
        spawnNotBefore = now.advanced(bySeconds: backoff)
        return [.log(.crashLoop(deaths: recentDeaths.count, backoffSeconds: backoff))]
    }
}
