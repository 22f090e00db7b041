/// When a worker reads its CPU time — `getrusage`, a system call that would cost every short request as much as a
/// good part of its answer — and how one reading is shared among the requests since the previous one.
///
/// A reading is taken after every request when each request is logged, else after any request of 1 ms or more (the
/// call is then noise) and after every 64th. The CPU time since the previous reading is shared among the requests
/// since then by their wall time (exact for a request that is the only one since the reading); a request without a
/// reading is given the CPU-to-wall ratio of the last reading. Pure: the worker loop does the reading.
struct CPUTimeSampling {
    /// Requests between two readings at most.
    static let requestsPerReading = 64
    /// A request at least this long (microseconds) always ends with a reading.
    static let longRequestMicros: Int64 = 1000

    /// Whether every request ends with a reading (every request is logged with its CPU time).
    let readsEveryRequest: Bool
    /// Requests and their summed wall time since the last reading.
    private var requests = 0
    private var wallMicros: Int64 = 0
    /// CPU and wall microseconds of the last reading's window.
    private var ratio: (cpu: Int64, wall: Int64) = (0, 1)

    init(readsEveryRequest: Bool) {
        self.readsEveryRequest = readsEveryRequest
    }

    /// The CPU time (microseconds) of a request that took `durationMicros` of wall time; calls `cpuSinceReading`
    /// (which returns the CPU microseconds since the previous reading, and reads) when a reading is due.
    mutating func request(durationMicros: Int64, cpuSinceReading: () -> Int64) -> Int64 {
        let duration = max(0, durationMicros)
        requests += 1
        wallMicros += duration
        guard
            readsEveryRequest || duration >= Self.longRequestMicros || requests >= Self.requestsPerReading
        else {
            return duration * ratio.cpu / ratio.wall
        }
        let cpu = max(0, cpuSinceReading())
        let wall = max(1, wallMicros)
        let only = requests == 1
        ratio = (cpu, wall)
        requests = 0
        wallMicros = 0
        return only ? cpu : cpu * duration / wall
    }
}
