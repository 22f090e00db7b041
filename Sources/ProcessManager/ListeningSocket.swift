import SystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// The pool's listening socket: a unix stream socket bound by the master, or the one systemd passed in.
public struct ListeningSocket: Sendable {
    /// The file descriptor that workers inherit as fd 0.
    public let descriptor: Int32
    /// The filesystem path, when the master bound it itself (nil when adopted from systemd).
    public let path: String?

    /// Adopts the first socket passed by systemd socket activation (`LISTEN_PID`/`LISTEN_FDS`), if any.
    ///
    /// The variables are removed from the environment so that workers do not see them.
    public static func adoptFromSystemd(environment: [String: String]) -> ListeningSocket? {
        guard let pidText = environment["LISTEN_PID"], let pid = Int32(pidText), pid == getpid(),
            let countText = environment["LISTEN_FDS"], let count = Int(countText), count >= 1
        else { return nil }
        unsetenv("LISTEN_PID")
        unsetenv("LISTEN_FDS")
        unsetenv("LISTEN_FDNAMES")
        let fd: Int32 = 3  // SD_LISTEN_FDS_START
        setCloseOnExec(fd)
        return ListeningSocket(descriptor: fd, path: nil)
    }

    /// Binds a unix stream socket at `path` with `backlog`, replacing a stale socket file.
    ///
    /// Refuses to replace a socket that still answers (another master is running). With `group`, the socket
    /// gets that group and mode 0660 so that nginx's workers can connect; otherwise mode 0600.
    public static func bind(path: String, backlog: Int32, group: String?) throws -> ListeningSocket {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else {
            throw SystemError("bind", errno: ENAMETOOLONG, context: path)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        if stillAnswers(address: address) {
            throw SystemError("bind", errno: EADDRINUSE, context: "\(path) is served by another process")
        }
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError("socket") }
        let previousMask = umask(0o177)
        defer { umask(previousMask) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else {
            let error = SystemError("bind", context: path)
            Glibc.close(fd)
            throw error
        }
        if let group {
            guard let entry = getgrnam(group) else {
                Glibc.close(fd)
                throw SystemError("getgrnam", errno: ENOENT, context: "group \(group)")
            }
            guard chown(path, uid_t.max, entry.pointee.gr_gid) == 0, chmod(path, 0o660) == 0 else {
                let error = SystemError("chown", context: path)
                Glibc.close(fd)
                throw error
            }
        }
        guard listen(fd, backlog) == 0 else {
            let error = SystemError("listen", context: path)
            Glibc.close(fd)
            throw error
        }
        return ListeningSocket(descriptor: fd, path: path)
    }

    private static func stillAnswers(address: sockaddr_un) -> Bool {
        var address = address
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard probe >= 0 else { return false }
        defer { Glibc.close(probe) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0
    }

    /// Closes the socket and removes its file if the master created it.
    public func close() {
        Glibc.close(descriptor)
        if let path { unlink(path) }
    }
}

/// Marks `fd` close-on-exec so that only the descriptors we hand over explicitly reach children.
func setCloseOnExec(_ fd: Int32) {
    let flags = fcntl(fd, F_GETFD)
    if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
}
