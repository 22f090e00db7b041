import Foundation
import Glibc
import Logging
import TestSupport
import Web

@testable import App

/// A real worker on a real FastCGI socket, inside the test process: the ``WorkerLoop`` a pool worker runs
/// (libfcgi's accept, parameter and body reading, the CGI response bytes), serving `application` on its own
/// thread from a fresh unix socket. ``TestClient`` with ``Transport/fastCGI`` sends through it, so a route
/// test crosses the same wire nginx uses without a pytest stack (hummingbird's `.live` testing mode).
final class LiveWorker: @unchecked Sendable {
    private let listener: UnixListener
    private let stopped = DispatchSemaphore(value: 0)
    private var isRunning = true

    /// Starts the worker loop for `application`.
    init(application: Application) throws {
        listener = try UnixListener()
        var logger = Logger(label: "codezero.test.worker")
        logger.logLevel = .critical
        let loop = try WorkerLoop(application: application, logger: logger, listeningDescriptor: listener.descriptor)
        let box = LoopBox(loop)
        let stopped = self.stopped
        Thread.detachNewThread {
            _ = box.loop.run()
            stopped.signal()
        }
    }

    deinit { stop() }

    /// Sends one request (CGI parameters as nginx sets them, and the body) and parses the CGI response.
    func send(parameters: [String: String], body: [UInt8]) throws -> Response {
        try Self.response(cgi: sendRaw(parameters: parameters, body: body))
    }

    /// Sends one request and returns the worker's CGI output as it came (FastCGI stdout).
    func sendRaw(parameters: [String: String], body: [UInt8]) throws -> [UInt8] {
        let request = FastCGITestClient().request(
            parameters: parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, stdin: body)
        let connection = try listener.connectAndSend(request)
        defer { close(connection) }
        guard let reply = FastCGITestClient.decode(UnixListener.readAll(connection)), reply.protocolStatus == 0
        else { throw SocketError(call: "FastCGI reply", errnoCode: 0) }
        return reply.stdout
    }

    /// Stops the loop: shutting the listening socket down makes its blocked accept fail.
    func stop() {
        guard isRunning else { return }
        isRunning = false
        shutdown(listener.descriptor, Int32(SHUT_RDWR))
        stopped.wait()
    }

    /// The response in CGI output (`Status: 201 Created`, header fields, a blank line, the body).
    static func response(cgi bytes: [UInt8]) throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.firstRange(of: separator) else { throw SocketError(call: "CGI header", errnoCode: 0) }
        var response = Response(body: Array(bytes[end.upperBound...]))
        for line in String(decoding: bytes[..<end.lowerBound], as: UTF8.self).split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw SocketError(call: "CGI field", errnoCode: 0) }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "Status" {
                let parts = value.split(separator: " ", maxSplits: 1)
                guard let code = parts.first.flatMap({ Int($0) }) else {
                    throw SocketError(call: "CGI status", errnoCode: 0)
                }
                response.status = HTTPStatus(code: code, reasonPhrase: parts.count > 1 ? String(parts[1]) : nil)
            } else if name != "Content-Length" {
                response.headers.add(name: name, value: value)
            }
        }
        return response
    }

    private final class LoopBox: @unchecked Sendable {
        let loop: WorkerLoop
        init(_ loop: WorkerLoop) { self.loop = loop }
    }
}
