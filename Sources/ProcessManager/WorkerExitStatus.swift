/// How a worker process ended, decoded from `waitpid`'s status.
public enum WorkerExitStatus: Equatable, Sendable, CustomStringConvertible {
    /// It called `exit` with this code.
    case exited(code: Int32)
    /// A signal ended it.
    case signalled(signal: Int32)

    /// Decodes a raw `waitpid` status word.
    public init(waitStatus status: Int32) {
        if status & 0x7f == 0 {
            self = .exited(code: (status >> 8) & 0xff)
        } else {
            self = .signalled(signal: status & 0x7f)
        }
    }

    /// An exit with code 0: the worker left on purpose (for example after `max_requests`).
    public var isCleanExit: Bool { self == .exited(code: 0) }

    public var description: String {
        switch self {
        case .exited(let code): return "exit \(code)"
        case .signalled(let signal): return "signal \(signal)"
        }
    }
}
