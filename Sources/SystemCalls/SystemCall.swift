#if canImport(Glibc)
    internal import Glibc
#endif

/// The one place system calls are retried after `EINTR` and their failures become ``SystemError``s.
///
/// Every loop over `write`, `read`, `nanosleep`, `waitpid` and `poll` in the code base goes through here,
/// so an interrupted call (a signal arriving during it) is handled the same way everywhere.
public enum SystemCall {
    /// Runs `body` (a call that returns a negative value and sets `errno` on failure), again while it fails
    /// with `EINTR`; throws ``SystemError`` naming `call` on any other failure.
    @discardableResult
    public static func retrying<T: BinaryInteger>(
        _ call: String, context: String = "", _ body: () -> T
    ) throws(SystemError) -> T {
        while true {
            let result = body()
            if result >= 0 { return result }
            let code = Glibc.errno
            if code == EINTR { continue }
            throw SystemError(call, errno: code, context: context)
        }
    }

    /// Runs `body` once for a caller that must look at a stop flag when a signal arrives: `nil` when the call
    /// was interrupted (`EINTR`), the result otherwise; throws ``SystemError`` naming `call` on any other failure.
    public static func interruptible<T: BinaryInteger>(
        _ call: String, context: String = "", _ body: () -> T
    ) throws(SystemError) -> T? {
        let result = body()
        if result >= 0 { return result }
        let code = Glibc.errno
        if code == EINTR { return nil }
        throw SystemError(call, errno: code, context: context)
    }

    /// Whether `code` (an `errno` value a library handed back, e.g. libfcgi's negative status) means a signal
    /// interrupted the call.
    public static func isInterruption(_ code: Int32) -> Bool {
        code == EINTR
    }

    /// Writes every byte of `bytes` to `descriptor`, continuing after short writes and `EINTR`.
    public static func writeAll(
        _ descriptor: Int32, _ bytes: some Collection<UInt8>, context: String = ""
    )
        throws(SystemError)
    {
        let contiguous = Array(bytes)
        var offset = 0
        while offset < contiguous.count {
            let written = try retrying("write", context: context) {
                contiguous.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            }
            guard written > 0 else { throw SystemError("write", errno: EIO, context: context) }
            offset += written
        }
    }

    /// Reads `descriptor` to its end (continuing after `EINTR`).
    public static func readAll(_ descriptor: Int32, context: String = "") throws(SystemError) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = try retrying("read", context: context) {
                buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            }
            guard count > 0 else { return bytes }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }

    /// Sleeps for `duration` (at most microsecond precision); a signal does not cut the sleep short.
    public static func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || attoseconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && Glibc.errno == EINTR {
            request = remaining
        }
    }

    /// Waits for child `pid` to end and returns its raw wait status (continuing after `EINTR`).
    public static func waitForExit(_ pid: Int32, context: String = "") throws(SystemError) -> Int32 {
        var status: Int32 = 0
        try retrying("waitpid", context: context) { waitpid(pid, &status, 0) }
        return status
    }
}
