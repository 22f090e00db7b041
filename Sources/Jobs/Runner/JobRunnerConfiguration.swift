#if canImport(Glibc)
    import Glibc
#endif

/// How the jobs process runs: who it is, how long its claims last, how long it sleeps.
public struct JobRunnerConfiguration: Sendable {
    /// The worker name stored in `locked_by` (host and pid by default), visible to operators.
    public var worker: String
    /// How long a claim lasts; a handler must finish well within it, or its job may be recovered.
    public var lease: Duration
    /// The longest idle sleep between checks for due jobs and expired leases when nothing notifies.
    public var maximumIdleWait: Duration
    /// How often the stop flag is checked while idle (the stop latency when idle).
    public var stopCheckInterval: Duration
    /// The pause before trying again after the database could not be reached.
    public var reconnectDelay: Duration
    /// The most jobs one ``JobRunner/runOnce()`` runs before returning to the loop.
    public var maximumJobsPerRound: Int
    /// While jobs keep coming, how long the runner waits before it feeds again within a round (its feeders found
    /// rows last time) and after a busy round that was not full, so that what arrives meanwhile is claimed and run in
    /// fewer, fuller rounds and batches (each round costs a few statements however little it finds; each batch one
    /// commit). The latency this adds to a job is at most this pause; a backlog (full rounds) runs without it. Zero
    /// turns it off.
    public var gatherPause: Duration
    /// While idle, how often the runner runs its feeders (``JobRunner/feed(from:_:)``): their tables have no wake-up
    /// of their own (a trigger per stored row cost the webhook a third of its statement, sql/0196), so a row stored
    /// while the runner sleeps is taken within this. Each poll is one statement that changes nothing when nothing
    /// waits. Without feeders the runner does not poll.
    public var feederPollInterval: Duration

    /// Creates a configuration; every default is here. Durations are raised to at least 1 ms (``gatherPause`` to
    /// zero, which turns it off) and an empty worker name is replaced by the default one.
    public init(
        worker: String = JobRunnerConfiguration.defaultWorkerName(), lease: Duration = .seconds(300),
        maximumIdleWait: Duration = .seconds(30), stopCheckInterval: Duration = .milliseconds(500),
        reconnectDelay: Duration = .seconds(1), maximumJobsPerRound: Int = 100,
        gatherPause: Duration = .milliseconds(20), feederPollInterval: Duration = .milliseconds(250)
    ) {
        let floor = Duration.milliseconds(1)
        self.worker = worker.isEmpty ? Self.defaultWorkerName() : worker
        self.lease = max(lease, floor)
        self.maximumIdleWait = max(maximumIdleWait, floor)
        self.stopCheckInterval = max(stopCheckInterval, floor)
        self.reconnectDelay = max(reconnectDelay, floor)
        self.maximumJobsPerRound = max(1, maximumJobsPerRound)
        self.gatherPause = max(gatherPause, .zero)
        self.feederPollInterval = max(feederPollInterval, floor)
    }

    /// `hostname:pid`, e.g. `web-1:4242`.
    public static func defaultWorkerName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let named = gethostname(&buffer, buffer.count - 1) == 0
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let host = named && !bytes.isEmpty ? String(decoding: bytes, as: UTF8.self) : "localhost"
        return "\(host):\(getpid())"
    }
}
