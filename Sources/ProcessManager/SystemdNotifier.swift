#if canImport(Glibc)
    import Glibc
#endif

/// Speaks systemd's `sd_notify` protocol (a datagram to `$NOTIFY_SOCKET`) without linking libsystemd.
public struct SystemdNotifier: Sendable {
    private let socketPath: String?

    /// Reads `NOTIFY_SOCKET` from `environment`; without it every call does nothing.
    public init(environment: [String: String]) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether a notification socket was configured.
    public var isEnabled: Bool { socketPath != nil }

    /// Sends `state`, e.g. `"READY=1\nSTATUS=4 workers"`. Failures are ignored: notification is advisory.
    public func notify(_ state: String) {
        guard var path = socketPath else { return }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var length = MemoryLayout<sa_family_t>.size
        if path.hasPrefix("@") { path = "\0" + path.dropFirst() }
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        length += bytes.count
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let message = Array(state.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                message.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, socketAddress, socklen_t(length)) }
            }
        }
    }
}
