import Synchronization

#if canImport(Glibc)
    public import Glibc
#endif

/// The "finish this request, then exit" flag of a single-threaded process (worker, jobs).
///
/// The handlers are installed with `sigaction` **without** `SA_RESTART`, so a blocking `accept` or
/// `poll` returns `EINTR` and the loop sees the flag at once.
public enum StopSignal {
    private static let received = Atomic<Int32>(0)

    /// The signal that requested the stop, or nil.
    public static var requested: Int32? {
        let value = received.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// Installs the handler for `signals` (SIGTERM, SIGINT, SIGQUIT by default).
    public static func install(_ signals: [Int32] = [SIGTERM, SIGINT, SIGQUIT]) {
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                StopSignal.received.store(number, ordering: .relaxed)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
    }
}
