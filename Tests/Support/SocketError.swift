public import Glibc

/// A failed socket call in the test harness (the call and its errno).
public struct SocketError: Error {
    /// The failed call.
    public var call: String
    /// errno after it.
    public var errnoCode: Int32 = errno

    /// The failure of `call` with the current errno.
    public init(call: String, errnoCode: Int32 = errno) {
        self.call = call
        self.errnoCode = errnoCode
    }
}
