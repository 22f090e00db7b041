import SystemCalls

/// A blocking sleep for the single-threaded runner (the one nanosleep loop, ``SystemCall/sleep(_:)``).
enum JobSleep {
    static func sleep(_ duration: Duration) {
        SystemCall.sleep(duration)
    }
}
