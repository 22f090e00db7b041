internal import CLinux
import SystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// Receives the master's signals synchronously through a `signalfd`, so the master's loop is a plain
/// `poll` with a timeout and no code runs inside a signal handler.
public final class SignalReceiver {
    private let descriptor: Int32
    private var mask = sigset_t()

    /// Blocks `signals` for this process and opens a signalfd that reports them.
    public init(signals: [Int32]) throws {
        sigemptyset(&mask)
        for signal in signals { sigaddset(&mask, signal) }
        guard sigprocmask(SIG_BLOCK, &mask, nil) == 0 else { throw SystemError("sigprocmask") }
        // Non-blocking: a signal that poll reported may be gone by the time we read (taken by another thread when
        // embedded in a test process); read then returns EAGAIN instead of blocking the loop.
        let fd = signalfd(-1, &mask, Int32(SFD_CLOEXEC) | Int32(SFD_NONBLOCK))
        guard fd >= 0 else { throw SystemError("signalfd") }
        descriptor = fd
    }

    deinit {
        close(descriptor)
        sigprocmask(SIG_UNBLOCK, &mask, nil)
    }

    /// Waits up to `timeout` seconds (nil: forever) and returns the signals that arrived, in order.
    public func wait(timeout: Double?) throws -> [Int32] {
        var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds: Int32 = timeout.map { Int32(max(0, min($0 * 1000, Double(Int32.max)))) } ?? -1
        guard let ready = try SystemCall.interruptible("poll", { poll(&pollDescriptor, 1, milliseconds) }), ready > 0
        else { return [] }
        var received: [Int32] = []
        var info = signalfd_siginfo()
        while (try? SystemCall.retrying("read") { read(descriptor, &info, MemoryLayout<signalfd_siginfo>.size) })
            == MemoryLayout<signalfd_siginfo>.size
        {
            received.append(Int32(info.ssi_signo))
            var more = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&more, 1, 0) <= 0 { break }
        }
        return received
    }
}
