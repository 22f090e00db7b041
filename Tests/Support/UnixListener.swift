public import Glibc

/// A listening unix socket in a fresh temporary directory.
public final class UnixListener {
    /// The temporary directory holding the socket.
    public let directory: String
    /// The socket's path.
    public let path: String
    /// The listening descriptor.
    public let descriptor: Int32

    /// Binds and listens on a fresh path.
    public init() throws {
        var template = Array("/tmp/codezero-fcgi-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw SocketError(call: "mkdtemp") }
        directory = String(cString: created)
        path = directory + "/fcgi.sock"
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError(call: "socket") }
        var address = UnixListener.address(path)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else { throw SocketError(call: "bind/listen") }
    }

    deinit {
        close(descriptor)
        unlink(path)
        rmdir(directory)
    }

    /// The `sockaddr_un` for `path`.
    public static func address(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() where index < buffer.count - 1 { buffer[index] = byte }
        }
        return address
    }

    /// A client socket connected to the listener.
    public func connect() throws -> Int32 {
        try connectedSocket(AF_UNIX, to: UnixListener.address(path))
    }

    /// A connected client socket that has already written `bytes` and half-closed (the bytes wait in the
    /// socket buffer until the responder accepts, so no second thread is needed).
    public func connectAndSend(_ bytes: [UInt8]) throws -> Int32 {
        let client = try connect()
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            guard written > 0 else { throw SocketError(call: "write") }
            offset += written
        }
        // The end of the request's bytes, as a reader of the socket sees it.
        shutdown(client, Int32(SHUT_WR))
        return client
    }

    /// Everything the peer writes until it closes the connection.
    public static func readAll(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }
}

/// A listening TCP socket on 127.0.0.1 and a free port (the pool's `CODEZERO_LISTEN=host:port` transport).
public final class LoopbackTCPListener {
    /// The listening descriptor.
    public let descriptor: Int32
    /// The port it listens on.
    public let port: UInt16

    /// Binds 127.0.0.1 on a port the kernel picks and listens.
    public init() throws {
        let listening = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listening >= 0 else { throw SocketError(call: "socket") }
        var address = LoopbackTCPListener.address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listening, $0, length) == 0 && listen(listening, 16) == 0
                    && getsockname(listening, $0, &length) == 0
            }
        }
        guard bound else {
            close(listening)
            throw SocketError(call: "bind/listen")
        }
        descriptor = listening
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(descriptor) }

    static func address(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    /// A client socket connected to the listener.
    public func connect() throws -> Int32 {
        try connectedSocket(AF_INET, to: LoopbackTCPListener.address(port: port))
    }
}

/// A stream socket of `family` connected to `address` (a `sockaddr_un` or `sockaddr_in`).
private func connectedSocket<Address>(_ family: Int32, to address: Address) throws -> Int32 {
    let client = socket(family, Int32(SOCK_STREAM.rawValue), 0)
    guard client >= 0 else { throw SocketError(call: "socket") }
    var address = address
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            Glibc.connect(client, $0, socklen_t(MemoryLayout<Address>.size))
        }
    }
    guard connected == 0 else {
        close(client)
        throw SocketError(call: "connect")
    }
    return client
}
