import SystemCalls

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// poll(2) on one socket, retrying EINTR (``SystemCall/retrying(_:context:_:)``).
enum SocketPoll {
    /// Waits until `socket` is readable (or closed); false when `milliseconds` passed first.
    static func waitForInput(_ socket: Int32, milliseconds: Int32) throws -> Bool {
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        do {
            return try SystemCall.retrying("poll") { poll(&descriptor, 1, milliseconds) } > 0
        } catch {
            throw PostgresError(code: .connectionLost, message: "\(error)")
        }
    }
}
