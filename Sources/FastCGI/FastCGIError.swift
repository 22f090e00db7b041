#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure of a libfcgi or system call, keeping the call's name and `errno` (as swift-nio's `IOError`).
public struct FastCGIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The call that failed, e.g. `"FCGX_Accept_r"`.
    public let call: String
    /// The `errno` value, or 0 when the failure was not an operating-system error.
    public let errnoCode: Int32
    /// What happened, without request data.
    public let reason: String

    /// A failure of `call` with `errnoCode`; `reason` defaults to `strerror`'s text (or, for libfcgi's
    /// negative stream error codes, the code).
    public init(call: String, errnoCode: Int32, reason: String? = nil) {
        self.call = call
        self.errnoCode = errnoCode
        self.reason =
            reason ?? (errnoCode > 0 ? String(cString: strerror(errnoCode)) : "libfcgi error \(errnoCode)")
    }

    /// For example `FCGX_Accept_r failed: Socket operation on non-socket (errno 88)`.
    public var description: String {
        errnoCode > 0 ? "\(call) failed: \(reason) (errno \(errnoCode))" : "\(call) failed: \(reason)"
    }
}
