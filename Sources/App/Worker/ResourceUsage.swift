#if canImport(Glibc)
    import Glibc
#endif

/// CPU time and peak memory of this process, for the per-request access log.
struct ResourceUsage {
    /// User + system CPU time in microseconds.
    var cpuMicroseconds: Int64
    /// Peak resident set size in KiB.
    var maximumResidentKiB: Int64

    /// The current values (`getrusage(RUSAGE_SELF)`).
    static func now() -> ResourceUsage {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu =
            Int64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000
            + Int64(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
        return ResourceUsage(cpuMicroseconds: cpu, maximumResidentKiB: Int64(usage.ru_maxrss))
    }
}

/// Monotonic nanoseconds.
func monotonicNanoseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
}
