internal import CLinux

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a listening unix socket's queue (pending connections and backlog) from the kernel through
/// netlink `sock_diag` (`UNIX_DIAG_RQLEN`): what PHP-FPM shows as "listen queue" and "listen queue len".
enum ListenQueue {
    /// The queue of the listening socket `descriptor`, or nil when the kernel does not answer (no
    /// `unix_diag` support, not a unix socket).
    static func sample(descriptor: Int32) -> (queued: Int, capacity: Int)? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let inode = UInt32(truncatingIfNeeded: info.st_ino)
        let netlink = socket(AF_NETLINK, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), NETLINK_SOCK_DIAG)
        guard netlink >= 0 else { return nil }
        defer { close(netlink) }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(netlink, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        struct Request {
            var header = nlmsghdr()
            var body = unix_diag_req()
        }
        var request = Request()
        request.header.nlmsg_len = UInt32(MemoryLayout<Request>.size)
        request.header.nlmsg_type = UInt16(SOCK_DIAG_BY_FAMILY)
        request.header.nlmsg_flags = UInt16(NLM_F_REQUEST)
        request.body.sdiag_family = UInt8(AF_UNIX)
        request.body.udiag_states = UInt32.max
        request.body.udiag_ino = inode
        request.body.udiag_show = UInt32(UDIAG_SHOW_RQLEN)
        request.body.udiag_cookie = (UInt32.max, UInt32.max)
        let sent = withUnsafeBytes(of: &request) { send(netlink, $0.baseAddress, $0.count, 0) }
        guard sent == MemoryLayout<Request>.size else { return nil }

        var buffer = [UInt8](repeating: 0, count: 1024)
        let received = buffer.withUnsafeMutableBytes { recv(netlink, $0.baseAddress, $0.count, 0) }
        guard received >= MemoryLayout<nlmsghdr>.size else { return nil }
        return buffer.withUnsafeBytes { raw -> (queued: Int, capacity: Int)? in
            let header = raw.loadUnaligned(as: nlmsghdr.self)
            guard header.nlmsg_type == UInt16(SOCK_DIAG_BY_FAMILY), Int(header.nlmsg_len) <= received else {
                return nil
            }
            let align = { (length: Int) in (length + 3) & ~3 }
            var offset = align(MemoryLayout<nlmsghdr>.size) + align(MemoryLayout<unix_diag_msg>.size)
            while offset + 4 <= Int(header.nlmsg_len) {
                let length = Int(raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
                let type = Int(raw.loadUnaligned(fromByteOffset: offset + 2, as: UInt16.self))
                guard length >= 4 else { return nil }
                if type == Int(UNIX_DIAG_RQLEN) && length >= 12 {
                    let queue = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let backlog = raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
                    return (Int(queue), Int(backlog))
                }
                offset += align(length)
            }
            return nil
        }
    }
}
