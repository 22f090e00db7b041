/// The parameters ``Request/init(cgiParameters:body:)-(CGIParameters,_)`` reads, picked out of the CGI parameters
/// in one pass: a Swift string is made only for these, and names are compared as bytes (by length first).
///
/// A repeated name keeps its last value, as a dictionary of the parameters did.
struct CGIFields {
    var method: String?
    var requestURI: String?
    var documentURI: String?
    var queryString: String?
    var remoteAddress: String?
    var remotePort: String?
    var serverName: String?
    var serverPort: String?
    var https: String?
    var requestID: String?
    /// `HTTP_X_REQUEST_ID`, the client's own request id (used when nginx sent no `REQUEST_ID`).
    var clientRequestID: String?
    /// `HTTP_*` (`HTTP_ACCEPT_LANGUAGE` → `accept-language`), `CONTENT_TYPE` and `CONTENT_LENGTH` as header fields,
    /// in arrival order; empty values are skipped (nginx sends `CONTENT_LENGTH` empty for bodiless requests and
    /// `HTTP_PROXY` empty by our configuration); a repeated field name keeps its last value.
    var headers: [(String, String)] = []

    /// Takes one parameter if the request needs it.
    mutating func take(_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) {
        switch name.count {
        case 5:
            if Self.matches(name, "HTTPS") { https = Self.string(value) }
        case 10:
            if Self.matches(name, "REQUEST_ID") { requestID = Self.string(value) }
        case 11:
            if Self.matches(name, "REQUEST_URI") {
                requestURI = Self.string(value)
            } else if Self.matches(name, "REMOTE_ADDR") {
                remoteAddress = Self.string(value)
            } else if Self.matches(name, "REMOTE_PORT") {
                remotePort = Self.string(value)
            } else if Self.matches(name, "SERVER_NAME") {
                serverName = Self.string(value)
            } else if Self.matches(name, "SERVER_PORT") {
                serverPort = Self.string(value)
            }
        case 12:
            if Self.matches(name, "QUERY_STRING") {
                queryString = Self.string(value)
            } else if Self.matches(name, "DOCUMENT_URI") {
                documentURI = Self.string(value)
            } else if Self.matches(name, "CONTENT_TYPE") {
                addHeader("content-type", value)
            }
        case 14:
            if Self.matches(name, "REQUEST_METHOD") {
                method = Self.string(value)
            } else if Self.matches(name, "CONTENT_LENGTH") {
                addHeader("content-length", value)
            }
        default:
            break
        }
        guard name.count > 5, Self.matches(UnsafeBufferPointer(rebasing: name[..<5]), "HTTP_") else { return }
        if Self.matches(name, "HTTP_X_REQUEST_ID") { clientRequestID = Self.string(value) }
        guard !value.isEmpty else { return }
        let headerName = String(unsafeUninitializedCapacity: name.count - 5) { buffer in
            var index = 0
            for byte in name.dropFirst(5) {
                buffer[index] = byte == UInt8(ascii: "_") ? UInt8(ascii: "-") : ASCII.lowercased(byte)
                index += 1
            }
            return index
        }
        addHeader(headerName, value)
    }

    private mutating func addHeader(_ name: String, _ value: UnsafeBufferPointer<UInt8>) {
        guard !value.isEmpty else { return }
        let field = (name, Self.string(value))
        if let index = headers.firstIndex(where: { $0.0 == name }) {
            headers[index] = field
        } else {
            headers.append(field)
        }
    }

    private static func matches(_ name: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        CGIParameters.equal(name, UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
