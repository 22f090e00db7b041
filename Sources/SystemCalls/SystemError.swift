#if canImport(Glibc)
    internal import Glibc
#endif

/// A failed system call: the call's name and the `errno` it left behind (as swift-nio's `IOError`).
public struct SystemError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The system call or library function that failed, e.g. `"bind"`.
    public let call: String
    /// The `errno` value at the time of the failure.
    public let errno: Int32
    /// Extra context, such as the path involved.
    public let context: String

    /// Creates an error for `call` from the current `errno`.
    public init(_ call: String, context: String = "") {
        self.init(call, errno: Glibc.errno, context: context)
    }

    /// Creates an error for `call` that failed with `errno`.
    public init(_ call: String, errno: Int32, context: String = "") {
        self.call = call
        self.errno = errno
        self.context = context
    }

    /// The call, its context and `strerror`'s text, e.g. `bind (/run/cz.sock): Address already in use`.
    public var description: String {
        let reason = String(cString: strerror(errno))
        return context.isEmpty ? "\(call): \(reason)" : "\(call) (\(context)): \(reason)"
    }
}
