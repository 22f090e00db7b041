/// How the master runs its pool of workers (PHP-FPM's `pm.*` and timeouts). Every default lives in the
/// initialiser; ``PoolConfiguration/load(environment:)`` reads and validates the environment.
public struct PoolConfiguration: Sendable, Equatable {
    /// PHP-FPM's `pm`: how many workers run.
    public enum Style: String, Sendable, Equatable, CaseIterable {
        /// A fixed number of workers, `maxChildren` (the default).
        case `static`
        /// Between `minSpare` and `maxSpare` idle workers, never more than `maxChildren` in total.
        case dynamic
    }

    /// Name shown as "pool" on the status page (`CODEZERO_POOL`).
    public var name: String
    /// The process manager style (`CODEZERO_PM`).
    public var style: Style
    /// Most workers of one generation (`CODEZERO_PM_MAX_CHILDREN`, default `CODEZERO_WORKERS`).
    public var maxChildren: Int
    /// Workers started at start-up and on reload for `dynamic` (`CODEZERO_PM_START_SERVERS`).
    public var startServers: Int
    /// Fewest idle workers for `dynamic` (`CODEZERO_PM_MIN_SPARE`).
    public var minSpare: Int
    /// Most idle workers for `dynamic` (`CODEZERO_PM_MAX_SPARE`).
    public var maxSpare: Int
    /// Most workers `dynamic` starts per check (`CODEZERO_PM_MAX_SPAWN_RATE`).
    public var maxSpawnRate: Int
    /// Requests after which a worker drains and is replaced; 0 = never (`CODEZERO_PM_MAX_REQUESTS`).
    public var maxRequests: Int
    /// Seconds after which the master kills a worker still busy with one request; 0 = never
    /// (`CODEZERO_REQUEST_TIMEOUT`).
    public var requestTimeout: Double
    /// Seconds from which a request counts as slow and logs its phase timings; 0 = never (`CODEZERO_SLOW_REQUEST`).
    public var slowRequestThreshold: Double
    /// `listen(2)` backlog of the pool socket (`CODEZERO_LISTEN_BACKLOG`).
    public var listenBacklog: Int
    /// How long a graceful stop waits for in-flight requests before SIGKILL (`CODEZERO_STOP_TIMEOUT`).
    public var stopTimeout: Double
    /// Unexpected deaths within `crashWindow` seconds from which respawning backs off
    /// (`CODEZERO_PM_CRASH_THRESHOLD`, default twice `maxChildren`, at least 4).
    public var crashThreshold: Int
    /// The window, in seconds, over which unexpected worker deaths are counted (`CODEZERO_PM_CRASH_WINDOW`).
    public var crashWindow: Double
    /// First respawn delay once backing off, in seconds; doubles on each further death.
    public var initialBackoff: Double
    /// Upper bound of the respawn delay, in seconds.
    public var maximumBackoff: Double
    /// The shared-memory scoreboard file (`CODEZERO_SCOREBOARD`, default `$CODEZERO_VAR/run/pool.scoreboard`).
    public var scoreboardPath: String

    /// Creates a configuration; the defaults suit a small production machine.
    public init(
        name: String = "codezero",
        style: Style = .static,
        maxChildren: Int = 4,
        startServers: Int? = nil,
        minSpare: Int = 1,
        maxSpare: Int? = nil,
        maxSpawnRate: Int = 32,
        maxRequests: Int = 0,
        requestTimeout: Double = 30,
        slowRequestThreshold: Double = 5,
        listenBacklog: Int = 511,
        stopTimeout: Double = 35,
        crashThreshold: Int? = nil,
        crashWindow: Double = 10,
        initialBackoff: Double = 0.1,
        maximumBackoff: Double = 30,
        scoreboardPath: String = "./var/run/pool.scoreboard"
    ) {
        self.name = name
        self.style = style
        self.maxChildren = maxChildren
        let maxSpare = maxSpare ?? max(minSpare, maxChildren / 2)
        self.minSpare = minSpare
        self.maxSpare = maxSpare
        self.startServers = startServers ?? (minSpare + (maxSpare - minSpare) / 2)
        self.maxSpawnRate = maxSpawnRate
        self.maxRequests = maxRequests
        self.requestTimeout = requestTimeout
        self.slowRequestThreshold = slowRequestThreshold
        self.listenBacklog = listenBacklog
        self.stopTimeout = stopTimeout
        self.crashThreshold = crashThreshold ?? max(4, maxChildren * 2)
        self.crashWindow = crashWindow
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.scoreboardPath = scoreboardPath
    }

    /// Workers a generation starts with: `maxChildren` for `static`, `startServers` for `dynamic`.
    public var initialWorkers: Int { style == .static ? maxChildren : startServers }

    /// Seconds between the master's looks at the scoreboard (timeouts, spare workers, counters).
    public var checkInterval: Double {
        guard requestTimeout > 0 else { return 1 }
        return min(1, max(0.05, requestTimeout / 10))
    }

    /// Scoreboard slots: room for two generations overlapping during a reload.
    public var scoreboardSlots: Int { maxChildren * 2 + 2 }
}
