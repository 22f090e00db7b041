/// A consistent copy of the scoreboard: PHP-FPM's pool fields, its per-process fields, and the route
/// counters behind `/metrics`. Renderers (``StatusPage``, ``MetricsPage``) only read this.
public struct PoolStatus: Sendable, Equatable {
    /// One worker as PHP-FPM's `?full` shows it.
    public struct Process: Sendable, Equatable {
        /// Process id.
        public var pid: Int32
        /// The generation it belongs to (a reload increments it).
        public var generation: Int
        /// "Idle", "Running", "Finishing" or "Starting".
        public var state: String
        /// When it started, Unix seconds.
        public var startTime: Int
        /// Seconds since it started.
        public var startSince: Int
        /// Requests it served.
        public var requests: Int
        /// Microseconds of the current request (running) or of the last one (idle).
        public var requestDurationMicros: Int
        /// Method of the current or last request.
        public var requestMethod: String
        /// URI of the current or last request, with its query string.
        public var requestURI: String
        /// Route pattern of the current or last request.
        public var route: String
        /// Request id (nginx's `$request_id`) of the current or last request.
        public var requestID: String
        /// Request body length of the current or last request.
        public var contentLength: Int
        /// CPU time of the last request as a percentage of its duration (PHP-FPM's "last request cpu").
        public var lastRequestCPU: Double
        /// Peak resident memory after the last request, in bytes.
        public var lastRequestMemory: Int
        /// HTTP status of the last request.
        public var lastStatus: Int
    }

    /// Requests of one route with one status.
    public struct RouteStatusCount: Sendable, Equatable {
        /// Route pattern, e.g. `/api/v1/orders/{id}`.
        public var route: String
        /// HTTP status, or nil for the overflow bucket of rare statuses.
        public var status: Int?
        /// Requests so far.
        public var count: Int
    }

    /// The latency histogram of one route.
    public struct RouteLatency: Sendable, Equatable {
        /// Route pattern.
        public var route: String
        /// Requests per bucket (not cumulative); the last bucket is +Inf.
        public var buckets: [Int]
        /// Sum of durations, microseconds.
        public var sumMicros: Int
        /// Requests observed.
        public var count: Int
    }

    /// PHP-FPM's "pool".
    public var pool: String
    /// PHP-FPM's "process manager".
    public var processManager: String
    /// Unix seconds the master started.
    public var startTime: Int
    /// Seconds since then.
    public var startSince: Int
    /// Requests accepted by all workers.
    public var acceptedConnections: Int
    /// Connections waiting in the socket's queue at the last check.
    public var listenQueue: Int
    /// Most connections seen waiting.
    public var maxListenQueue: Int
    /// The queue's capacity (the backlog).
    public var listenQueueLength: Int
    /// Idle workers.
    public var idleProcesses: Int
    /// Workers in a request.
    public var activeProcesses: Int
    /// Idle plus active.
    public var totalProcesses: Int
    /// Most workers seen active at once.
    public var maxActiveProcesses: Int
    /// Times `dynamic` could not start a worker because of `maxChildren`.
    public var maxChildrenReached: Int
    /// Requests slower than the slow-request threshold.
    public var slowRequests: Int
    /// The configured `maxChildren` (PHP-FPM does not show it).
    public var maxChildren: Int
    /// The configured `maxRequests` (0 = unlimited).
    public var maxRequests: Int
    /// Workers replaced after a crash or a request timeout.
    public var restarts: Int
    /// Workers killed for a request timeout.
    public var timedOutRequests: Int
    /// Database errors reported by workers.
    public var databaseErrors: Int
    /// The current generation.
    public var generation: Int
    /// The master's pid.
    public var masterPID: Int32
    /// Workers, ordered by pid.
    public var processes: [Process]
    /// Requests by route and status.
    public var routeStatusCounts: [RouteStatusCount]
    /// Latency histograms by route.
    public var routeLatencies: [RouteLatency]
}
