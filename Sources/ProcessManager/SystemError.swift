#if canImport(Glibc)
    import Glibc
#endif

/// A failed system call: the call's name and the `errno` it left behind.
public struct SystemError: Error, CustomStringConvertible, Sendable {
    /// The system call or library function that failed, e.g. `"bind"`.
    public let call: String
    /// The `errno` value at the time of the failure.
    public let errno: Int32
    /// Extra context, such as the path involved.
    public let context: String

    /// Creates an error for `call` from the current `errno`.
    public init(_ call: String, errno: Int32 = Glibc.errno, context: String = "") {
        self.call = call
        self.errno = errno
        self.context = context
    }

    public var description: String {
        let reason = String(cString: strerror(errno))
        return context.isEmpty ? "\(call): \(reason)" : "\(call) (\(context)): \(reason)"
    }
}

/// Runs a system call, retrying while it fails with `EINTR`; throws `SystemError` on any other failure.
@discardableResult
func retryingOnInterrupt<T: BinaryInteger>(_ call: String, context: String = "", _ body: () -> T) throws -> T {
    while true {
        let result = body()
        if result >= 0 { return result }
        if errno == EINTR { continue }
        throw SystemError(call, context: context)
    }
}
