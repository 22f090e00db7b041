import Glibc

/// A minimal FastCGI client (the web server's side of the protocol), written from the specification for
/// these tests only: it encodes BEGIN_REQUEST, PARAMS and STDIN records and decodes STDOUT, STDERR and
/// END_REQUEST.
struct FastCGITestClient {
    enum RecordType: UInt8 {
        case beginRequest = 1
        case abortRequest = 2
        case endRequest = 3
        case params = 4
        case stdin = 5
        case stdout = 6
        case stderr = 7
    }

    /// What the application sent back.
    struct Reply {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var appStatus: UInt32?
        var protocolStatus: UInt8?
    }

    var requestID: UInt16 = 1
    /// Pads every record's content to a multiple of 8 bytes, as the specification recommends.
    var padding = true

    /// The bytes of one record.
    func record(_ type: RecordType, _ content: [UInt8]) -> [UInt8] {
        precondition(content.count <= 0xFFFF)
        let paddingLength = padding ? (8 - content.count % 8) % 8 : 0
        var bytes: [UInt8] = [
            1, type.rawValue, UInt8(requestID >> 8), UInt8(requestID & 0xFF),
            UInt8(content.count >> 8), UInt8(content.count & 0xFF), UInt8(paddingLength), 0,
        ]
        bytes += content
        bytes += [UInt8](repeating: 0, count: paddingLength)
        return bytes
    }

    /// A name or value length: one byte below 128, else four bytes with the high bit set.
    static func encodeLength(_ length: Int) -> [UInt8] {
        if length < 128 { return [UInt8(length)] }
        return [
            UInt8(length >> 24 & 0x7F) | 0x80, UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF),
            UInt8(length & 0xFF),
        ]
    }

    /// A stream (PARAMS or STDIN) split into records of at most 65535 bytes, ended by an empty record.
    func stream(_ type: RecordType, _ data: [UInt8], chunk: Int = 0xFFFF) -> [UInt8] {
        var bytes: [UInt8] = []
        var offset = 0
        while offset < data.count {
            let end = min(offset + chunk, data.count)
            bytes += record(type, Array(data[offset..<end]))
            offset = end
        }
        return bytes + record(type, [])
    }

    /// A complete responder request.
    func request(parameters: [(String, String)], stdin: [UInt8], stdinChunk: Int = 0xFFFF) -> [UInt8] {
        var encoded: [UInt8] = []
        for (name, value) in parameters {
            encoded += Self.encodeLength(name.utf8.count) + Self.encodeLength(value.utf8.count)
            encoded += Array(name.utf8) + Array(value.utf8)
        }
        // Role 1 = RESPONDER, flags 0 = close the connection after the request.
        return record(.beginRequest, [0, 1, 0, 0, 0, 0, 0, 0]) + stream(.params, encoded)
            + stream(.stdin, stdin, chunk: stdinChunk)
    }

    /// Decodes the records the application wrote.
    static func decode(_ bytes: [UInt8]) -> Reply? {
        var reply = Reply()
        var offset = 0
        while offset < bytes.count {
            guard offset + 8 <= bytes.count, bytes[offset] == 1 else { return nil }
            let type = bytes[offset + 1]
            let length = Int(bytes[offset + 4]) << 8 | Int(bytes[offset + 5])
            let paddingLength = Int(bytes[offset + 6])
            let start = offset + 8
            guard start + length + paddingLength <= bytes.count else { return nil }
            let content = Array(bytes[start..<start + length])
            switch RecordType(rawValue: type) {
            case .stdout: reply.stdout += content
            case .stderr: reply.stderr += content
            case .endRequest:
                guard content.count == 8 else { return nil }
                reply.appStatus = content[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
                reply.protocolStatus = content[4]
            default: return nil
            }
            offset = start + length + paddingLength
        }
        return reply
    }
}

/// A listening unix socket in a fresh temporary directory.
final class UnixListener {
    let directory: String
    let path: String
    let descriptor: Int32

    init() throws {
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

    static func address(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() where index < buffer.count - 1 { buffer[index] = byte }
        }
        return address
    }

    /// A connected client socket that has already written `bytes` and half-closed (the bytes wait in the
    /// socket buffer until the responder accepts, so no second thread is needed).
    func connectAndSend(_ bytes: [UInt8]) throws -> Int32 {
        let client = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard client >= 0 else { throw SocketError(call: "socket") }
        var address = UnixListener.address(path)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(client, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw SocketError(call: "connect") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            guard written > 0 else { throw SocketError(call: "write") }
            offset += written
        }
        // Like nginx closing after the reply, a half-close lets libfcgi's lingering close (it drains the
        // socket for up to 2 s after FCGX_Finish_r) return at once.
        shutdown(client, Int32(SHUT_WR))
        return client
    }

    /// Everything the peer writes until it closes the connection.
    static func readAll(_ descriptor: Int32) -> [UInt8] {
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

struct SocketError: Error {
    var call: String
    var errnoCode: Int32 = errno
}
