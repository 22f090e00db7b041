#if canImport(Glibc)
    internal import Glibc
#endif

/// The CPU priority of the calling process: background work (the jobs process) lowers its own, so that requests
/// keep the CPU when both want it.
public enum ProcessPriority {
    /// Sets the calling thread's nice value to `nice` (threads started afterwards inherit it, so call it before
    /// starting any) and, when the process leads its own session, the nice value of that session's scheduling
    /// group (`/proc/self/autogroup`): with Linux's autogroups every session shares the CPU equally with the others,
    /// whatever the nice values of the threads inside it. A process that shares its session (a terminal's, a
    /// test runner's) leaves the group alone, so only it yields. Returns whether the session's group was set.
    /// Throws ``SystemError`` when `setpriority` refuses (raising the priority needs privileges).
    @discardableResult
    public static func lower(toNice nice: Int32) throws(SystemError) -> Bool {
        try SystemCall.retrying("setpriority", context: "nice \(nice)") {
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
        }
        guard getsid(0) == getpid() else { return false }
        let descriptor = open("/proc/self/autogroup", O_WRONLY | O_CLOEXEC)
        // No autogroups (kernel without them, or /proc hidden): the thread's nice value is all there is.
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        try SystemCall.writeAll(descriptor, Array("\(nice)\n".utf8), context: "/proc/self/autogroup")
        return true
    }

    /// The calling thread's nice value.
    public static func currentNice() -> Int32 {
        getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
    }
}
