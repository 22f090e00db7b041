/// How the master runs its pool of workers. Every default lives in the initialiser.
public struct PoolConfiguration: Sendable, Equatable {
    /// Number of workers kept running (`CODEZERO_WORKERS`).
    public var workers: Int
    /// How long a graceful stop waits for in-flight requests before escalating to SIGKILL.
    public var stopTimeout: Double
    /// Deaths within `crashWindow` seconds beyond which respawning backs off.
    public var crashThreshold: Int
    /// The window, in seconds, over which unexpected worker deaths are counted.
    public var crashWindow: Double
    /// First respawn delay once backing off, in seconds; doubles on each further death.
    public var initialBackoff: Double
    /// Upper bound of the respawn delay, in seconds.
    public var maximumBackoff: Double

    /// Creates a configuration; the defaults suit a small production machine.
    public init(
        workers: Int = 4,
        stopTimeout: Double = 35,
        crashThreshold: Int? = nil,
        crashWindow: Double = 10,
        initialBackoff: Double = 0.1,
        maximumBackoff: Double = 30
    ) {
        self.workers = workers
        self.stopTimeout = stopTimeout
        self.crashThreshold = crashThreshold ?? max(4, workers * 2)
        self.crashWindow = crashWindow
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }
}
