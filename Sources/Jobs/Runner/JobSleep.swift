#if canImport(Glibc)
    import Glibc
#endif

/// A blocking sleep for the single-threaded runner (nanosleep, resumed after EINTR).
enum JobSleep {
    static func sleep(_ duration: Duration) {
        let microseconds = max(0, duration.jobMicroseconds)
        var request = timespec(tv_sec: Int(microseconds / 1_000_000), tv_nsec: Int(microseconds % 1_000_000) * 1000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR {
            request = remaining
        }
    }
}
