import Glibc

/// A minimal FastCGI client (the web server's side of the protocol), written from the specification for
/// the tests only (``UnixListener`` carries the bytes; `TestSupport`'s live worker answers): it encodes BEGIN_REQUEST, PARAMS and STDIN records and decodes STDOUT, STDERR and
/// END_REQUEST.
public struct FastCGITestClient: Sendable {
    /// The record types (FastCGI 1.0, section 8).
    public enum RecordType: UInt8, Sendable {
        case beginRequest = 1
        case abortRequest = 2
        case endRequest = 3
        case params = 4
        case stdin = 5
        case stdout = 6
        case stderr = 7
    }

    /// What the application sent back.
    public struct Reply: Sendable {
        /// The CGI response (status line, header fields, body).
        public var stdout: [UInt8] = []
        /// What the application wrote to its error stream.
        public var stderr: [UInt8] = []
        /// The application's exit status from END_REQUEST.
        public var appStatus: UInt32?
        /// The protocol status from END_REQUEST (0 = request complete).
        public var protocolStatus: UInt8?
    }

    /// The request id of every record.
    public var requestID: UInt16 = 1
    /// Pads every record's content to a multiple of 8 bytes, as the specification recommends.
    public var padding = true

    /// A client with request id 1 and padded records.
    public init() {}

    /// The bytes of one record.
    public func record(_ type: RecordType, _ content: [UInt8]) -> [UInt8] {
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
    public static func encodeLength(_ length: Int) -> [UInt8] {
        if length < 128 { return [UInt8(length)] }
        return [
            UInt8(length >> 24 & 0x7F) | 0x80, UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF),
            UInt8(length & 0xFF),
        ]
    }

    /// A stream (PARAMS or STDIN) split into records of at most 65535 bytes, ended by an empty record.
    public func stream(_ type: RecordType, _ data: [UInt8], chunk: Int = 0xFFFF) -> [UInt8] {
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
    public func request(parameters: [(String, String)], stdin: [UInt8], stdinChunk: Int = 0xFFFF) -> [UInt8] {
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
    public static func decode(_ bytes: [UInt8]) -> Reply? {
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
