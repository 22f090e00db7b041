/// The pool master's decisions as a pure function of (state, event, now) → actions.
///
/// The shell around it (``PoolMaster``) performs the actions (spawning with `posix_spawn`, sending
/// signals) and feeds back what happened: workers started and exited, and at every check what the
/// scoreboard says each worker is doing (``WorkerActivity``). Nothing here touches the operating system,
/// so every rule is tested with tables and a fake clock.
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
        /// Finish the current request, then exit (SIGTERM).
        case finishAndExit
        /// Die now (SIGKILL).
        case kill
    }

    /// Notable changes for the log.
    public enum PoolEvent: Equatable, Sendable {
        /// A worker of the current generation died without being asked to.
        case workerExitedUnexpectedly(pid: Int32, status: WorkerExitStatus)
        /// A worker left cleanly on its own (after `max_requests`) and is replaced.
        case workerRecycled(pid: Int32)
        /// Too many deaths in the crash window: respawning waits `backoffSeconds`.
        case crashLoop(deaths: Int, backoffSeconds: Double)
        /// A worker's request ran past the request timeout; it is killed and replaced.
        case requestTimedOut(pid: Int32, seconds: Double)
        /// `dynamic` wanted another worker but `maxChildren` already run.
        case maxChildrenReached(children: Int)
        /// `dynamic` had more idle workers than `maxSpare` and retires one.
        case spareWorkerRetired(pid: Int32)
        /// A new generation starts.
        case reloading(generation: Int)
        /// A graceful stop began with this many workers.
        case stopping(workers: Int)
        /// The stop timeout passed: the remaining workers are killed.
        case stopTimeoutExceeded(killed: Int)
        /// Workers survived SIGKILL for the grace period; the master exits without them.
        case stopAbandoned(remaining: Int)
    }

    /// Where the pool is in its life.
    public enum Phase: Equatable, Sendable {
        /// Not started yet.
        case idle
        /// Serving.
        case running
        /// Draining until `deadline`, then escalating.
        case stopping(deadline: MonotonicInstant)
        /// Every worker is gone.
        case stopped
    }

    /// A worker the master knows about.
    public struct Worker: Equatable, Sendable {
        /// Its process id.
        public var pid: Int32
        /// The generation it was started for.
        public var generation: Int
        /// When the master started it.
        public var startedAt: MonotonicInstant
        /// Asked to leave (reload, stop, spare) or killed: its exit is expected and not replaced.
        public var retiring: Bool
        /// Killed for a request timeout (and already replaced).
        public var killedForTimeout: Bool = false
    }

    /// What the scoreboard says a worker is doing.
    public struct WorkerActivity: Equatable, Sendable {
        /// The worker's process id.
        public var pid: Int32
        /// When its current request started; nil when it is idle.
        public var busySince: MonotonicInstant?

        /// Creates an observation.
        public init(pid: Int32, busySince: MonotonicInstant?) {
            self.pid = pid
            self.busySince = busySince
        }
    }

    /// The configuration the decisions follow.
    public internal(set) var configuration: PoolConfiguration
    /// Where the pool is in its life.
    public internal(set) var phase: Phase = .idle
    /// The current generation; a reload increments it.
    public internal(set) var generation = 1
    /// Every live worker by pid, of every generation.
    public internal(set) var workers: [Int32: Worker] = [:]
    /// Total workers started since the pool began.
    public internal(set) var totalSpawned = 0
    /// Workers replaced after an unexpected death or a request timeout.
    public internal(set) var restarts = 0
    /// Workers killed for running past the request timeout.
    public internal(set) var timedOutRequests = 0
    /// Times `dynamic` wanted a worker beyond `maxChildren` (PHP-FPM's "max children reached").
    public internal(set) var maxChildrenReached = 0
    /// Times of unexpected deaths inside the crash window.
    var recentDeaths: [MonotonicInstant] = []
    /// Workers owed to the current generation that are waiting for the backoff to pass.
    var pendingSpawns = 0
    var backoff: Double = 0
    var spawnNotBefore: MonotonicInstant?
    /// When the shell should next call ``observe(_:now:)``.
    public internal(set) var nextCheck: MonotonicInstant?
    var killedAtStop = false

    /// Creates a state machine for `configuration`.
    public init(configuration: PoolConfiguration) {
        self.configuration = configuration
    }

    /// Workers of the current generation that are alive and not retiring.
    public var activeWorkers: Int {
        workers.values.filter { $0.generation == generation && !$0.retiring }.count
    }

    /// The next moment at which ``tick(now:)`` or ``observe(_:now:)`` has something to do, if any.
    public var nextDeadline: MonotonicInstant? {
        switch phase {
        case .stopping(let deadline): return [deadline, nextCheck].compactMap { $0 }.min()
        case .running: return [pendingSpawns > 0 ? spawnNotBefore : nil, nextCheck].compactMap { $0 }.min()
        case .idle, .stopped: return nil
        }
    }

    /// Starts the pool: spawn the initial workers.
    public mutating func start(now: MonotonicInstant) -> [Action] {
        guard phase == .idle else { return [] }
        phase = .running
        nextCheck = now.advanced(bySeconds: configuration.checkInterval)
        return [.spawn(count: configuration.initialWorkers, generation: generation)]
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
            if status.isCleanExit {
                return [.log(.workerRecycled(pid: pid))]
                    + recordDeathAndReplace(now: now, count: 1, countsAsCrash: false)
            }
            restarts += 1
            return [.log(.workerExitedUnexpectedly(pid: pid, status: status))]
                + recordDeathAndReplace(now: now, count: 1)
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
            if pids.isEmpty { return finishStop() }
            if killedAtStop {
                return [.log(.stopAbandoned(remaining: pids.count))] + finishStop()
            }
            killedAtStop = true
            phase = .stopping(deadline: now.advanced(bySeconds: 5))
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
        return [
            .log(.reloading(generation: generation)),
            .spawn(count: configuration.initialWorkers, generation: generation),
        ] + old.map { .signal(pid: $0, signal: .finishAndExit) }
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

    mutating func finishStop() -> [Action] {
        phase = .stopped
        nextCheck = nil
        return [.exit]
    }
}
