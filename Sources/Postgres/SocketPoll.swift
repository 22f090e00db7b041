#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// poll(2) on one socket, retrying EINTR.
enum SocketPoll {
    /// Waits until `socket` is readable (or closed); false when `milliseconds` passed first.
    static func waitForInput(_ socket: Int32, milliseconds: Int32) throws -> Bool {
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, milliseconds)
            if ready >= 0 { return ready > 0 }
            if errno == EINTR { continue }
            throw PostgresError(code: .connectionLost, message: "poll failed with errno \(errno)")
        }
    }
}
