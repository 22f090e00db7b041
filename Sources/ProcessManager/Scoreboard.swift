import SystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// The pool's shared-memory scoreboard: a file mapped `MAP_SHARED` by the master, every worker (through
/// ``WorkerSlot``) and `codezero status`.
///
/// Workers write only their own slot (under a per-slot sequence lock, so a reader never sees a torn record
/// and a killed writer leaves no lock held) and bump shared counters with atomic adds. The master writes
/// the header and resets a slot only while no live worker owns it.
public final class Scoreboard {
    /// Environment variable naming the scoreboard file for workers.
    public static let pathVariable = "CODEZERO_SCOREBOARD"
    /// Environment variable with a worker's slot index.
    public static let slotVariable = "CODEZERO_SCOREBOARD_SLOT"

    /// The file behind the mapping.
    public let path: String
    /// Worker slots.
    public let slotCount: Int
    let memory: SharedMapping

    private init(path: String, memory: SharedMapping) {
        self.path = path
        self.memory = memory
        self.slotCount = Int(memory.load(ScoreboardLayout.Header.slots))
    }

    /// Creates a fresh scoreboard for `configuration` at its `scoreboardPath` (the master does this;
    /// `masterPID` defaults to this process).
    public static func create(configuration: PoolConfiguration, masterPID: Int32? = nil) throws -> Scoreboard {
        let masterPID = masterPID ?? getpid()
        let slots = configuration.scoreboardSlots
        let memory = try SharedMapping.create(
            path: configuration.scoreboardPath, size: ScoreboardLayout.size(slots: slots))
        typealias H = ScoreboardLayout.Header
        memory.store(H.version, ScoreboardLayout.version)
        memory.store(H.slots, UInt64(slots))
        memory.store(H.routes, UInt64(ScoreboardLayout.routeCount))
        memory.store(H.maxChildren, UInt64(configuration.maxChildren))
        memory.store(H.startUnix, UInt64(unixMicroseconds() / 1_000_000))
        memory.store(H.startMonotonic, UInt64(MonotonicInstant.now().nanoseconds))
        memory.store(H.listenQueueLength, UInt64(configuration.listenBacklog))
        memory.store(H.style, configuration.style == .static ? 0 : 1)
        memory.store(H.generation, 1)
        memory.store(H.masterPID, UInt64(masterPID))
        memory.store(H.maxRequests, UInt64(configuration.maxRequests))
        memory.store(H.slowThresholdMicros, UInt64(configuration.slowRequestThreshold * 1_000_000))
        memory.store(H.requestTimeoutMicros, UInt64(configuration.requestTimeout * 1_000_000))
        memory.store(H.minSpare, UInt64(configuration.minSpare))
        memory.store(H.maxSpare, UInt64(configuration.maxSpare))
        memory.store(H.startServers, UInt64(configuration.startServers))
        memory.writeText(H.name, capacity: H.nameCapacity, configuration.name)
        memory.store(H.magic, ScoreboardLayout.magic)
        return Scoreboard(path: configuration.scoreboardPath, memory: memory)
    }

    /// Maps an existing scoreboard read-only (for `codezero status`); throws if the file is not one.
    public static func open(path: String) throws -> Scoreboard {
        let memory = try SharedMapping.open(path: path, writable: false)
        try validate(memory, path: path)
        return Scoreboard(path: path, memory: memory)
    }

    static func validate(_ memory: SharedMapping, path: String) throws {
        typealias H = ScoreboardLayout.Header
        guard memory.load(H.magic) == ScoreboardLayout.magic, memory.load(H.version) == ScoreboardLayout.version,
            memory.size >= ScoreboardLayout.size(slots: Int(memory.load(H.slots)))
        else { throw SystemError("mmap", errno: EINVAL, context: "\(path) is not a scoreboard of this version") }
    }

    // MARK: master side

    /// The environment a worker needs to find its slot.
    public func workerEnvironment(slot: Int) -> [String: String] {
        [Scoreboard.pathVariable: path, Scoreboard.slotVariable: "\(slot)"]
    }

    /// Marks `slot` as taken by a worker about to start, clearing what a previous owner left.
    func prepare(slot: Int, generation: Int) {
        let offset = ScoreboardLayout.slotOffset(slot)
        typealias S = ScoreboardLayout.Slot
        memory.beginWrite(offset)
        (memory.base + offset + 8).initializeMemory(as: UInt8.self, repeating: 0, count: ScoreboardLayout.slotSize - 8)
        memory.store(offset + S.generation, UInt64(generation))
        memory.store(offset + S.state, WorkerState.starting.rawValue)
        memory.store(offset + S.startUnixMicros, UInt64(unixMicroseconds()))
        memory.store(offset + S.startMonotonic, UInt64(MonotonicInstant.now().nanoseconds))
        memory.endWrite(offset)
    }

    /// Frees `slot` after its worker was reaped.
    func release(slot: Int) {
        let offset = ScoreboardLayout.slotOffset(slot)
        memory.beginWrite(offset)
        memory.store(offset + ScoreboardLayout.Slot.state, WorkerState.free.rawValue)
        memory.store(offset + ScoreboardLayout.Slot.pid, 0)
        memory.endWrite(offset)
    }

    /// What the worker in `slot` is doing, if the worker with `pid` has attached to it.
    func activity(slot: Int, pid: Int32) -> PoolStateMachine.WorkerActivity {
        let offset = ScoreboardLayout.slotOffset(slot)
        typealias S = ScoreboardLayout.Slot
        let (owner, state, since) = memory.readConsistently(offset) {
            (memory.load(offset + S.pid), memory.load(offset + S.state), memory.load(offset + S.requestStartMonotonic))
        }
        let busy = owner == UInt64(pid) && state == WorkerState.running.rawValue
        return PoolStateMachine.WorkerActivity(
            pid: pid, busySince: busy ? MonotonicInstant(nanoseconds: Int64(since)) : nil)
    }

    /// Route, request id and URI of the request the worker in `slot` is serving (for the timeout log).
    func currentRequest(slot: Int) -> (route: String, requestID: String, method: String, uri: String) {
        let offset = ScoreboardLayout.slotOffset(slot)
        typealias S = ScoreboardLayout.Slot
        return memory.readConsistently(offset) {
            (
                memory.readText(offset + S.route, capacity: S.routeCapacity),
                memory.readText(offset + S.requestID, capacity: S.requestIDCapacity),
                memory.readText(offset + S.method, capacity: S.methodCapacity),
                memory.readText(offset + S.uri, capacity: S.uriCapacity)
            )
        }
    }

    /// Publishes the master's counters.
    func publish(machine: PoolStateMachine, listenQueue: (queued: Int, capacity: Int)?, active: Int) {
        typealias H = ScoreboardLayout.Header
        memory.store(H.generation, UInt64(machine.generation))
        memory.store(H.restarts, UInt64(machine.restarts))
        memory.store(H.timedOutRequests, UInt64(machine.timedOutRequests))
        memory.store(H.maxChildrenReached, UInt64(machine.maxChildrenReached))
        memory.store(H.spawned, UInt64(machine.totalSpawned))
        memory.raiseTo(H.maxActive, UInt64(active))
        if let listenQueue {
            memory.store(H.listenQueue, UInt64(listenQueue.queued))
            memory.raiseTo(H.maxListenQueue, UInt64(listenQueue.queued))
            if listenQueue.capacity > 0 { memory.store(H.listenQueueLength, UInt64(listenQueue.capacity)) }
        }
    }
}

/// A worker slot's state word.
enum WorkerState: UInt64 {
    case free = 0
    case starting = 1
    case idle = 2
    case running = 3
    case finishing = 4

    /// PHP-FPM's spelling.
    var name: String {
        switch self {
        case .free: return "Free"
        case .starting: return "Starting"
        case .idle: return "Idle"
        case .running: return "Running"
        case .finishing: return "Finishing"
        }
    }
}

/// Microseconds since the Unix epoch.
func unixMicroseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
}
