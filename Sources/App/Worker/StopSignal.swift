import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The "finish this request, then exit" flag of a single-threaded process (worker, jobs).
///
/// The handlers are installed with `sigaction`, by default **without** `SA_RESTART`, so a blocking `accept` or
/// `poll` returns `EINTR` and the loop sees the flag at once.
public enum StopSignal {
    private static let received = Atomic<Int32>(0)

    /// The signal that requested the stop, or nil.
    public static var requested: Int32? {
        let value = received.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// The signals that ask for a stop.
    public static let signals: [Int32] = [SIGTERM, SIGINT, SIGQUIT]

    /// Installs the handler for `signals` (``signals`` by default). With `restartingCalls` (the pool worker) the
    /// handler is installed with `SA_RESTART`: reads and writes on sockets resume after it, and only calls that are
    /// never restarted (`epoll_wait`, `poll`, `nanosleep`) return `EINTR` — the worker's wait for a request
    /// (``FastCGI/FastCGIResponder``, accepting itself), so a stop never cuts a request being read or answered.
    public static func install(_ signals: [Int32] = StopSignal.signals, restartingCalls: Bool = false) {
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                StopSignal.received.store(number, ordering: .relaxed)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = restartingCalls ? Int32(SA_RESTART) : 0
            sigaction(signal, &action, nil)
        }
    }
}
