import Glibc
import TestSupport
import Testing
import Web

@testable import FastCGI

@Suite(.serialized) struct FastCGIResponderTests {
    static let client = FastCGITestClient()
    static let response = Array("Status: 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".utf8)

    /// Queues one request, accepts it, lets `handle` answer, and returns what the client received.
    private func roundTrip(
        parameters: [(String, String)], stdin: [UInt8], stdinChunk: Int = 0xFFFF, maximumBodyBytes: Int = 1024,
        handle: (FastCGIExchange) throws -> Void
    ) throws -> FastCGITestClient.Reply {
        let listener = try UnixListener()
        let responder = try FastCGIResponder(listeningDescriptor: listener.descriptor)
        let client = try listener.connectAndSend(
            Self.client.request(parameters: parameters, stdin: stdin, stdinChunk: stdinChunk))
        defer { close(client) }
        let exchange = try #require(try responder.accept(maximumBodyBytes: maximumBodyBytes))
        try handle(exchange)
        exchange.finish()
        return try #require(FastCGITestClient.decode(UnixListener.readAll(client)))
    }

    @Test func copiesParametersIncludingLongOnesAndReadsTheBody() throws {
        let longValue = String(repeating: "c=v; ", count: 60)  // 300 bytes: four-byte length form
        let longName = "HTTP_X_" + String(repeating: "LONG_", count: 30)  // 157 bytes
        let parameters = [
            ("REQUEST_METHOD", "POST"), ("REQUEST_URI", "/api/v1/orders?x=%C3%A4"), ("CONTENT_LENGTH", "11"),
            ("HTTP_COOKIE", longValue), (longName, "x"), ("EMPTY", ""), ("HTTP_X_NAME", "Müller"),
            ("EQUALS", "a=b=c"),
        ]
        var accepted: [(name: String, value: String)] = []
        let reply = try roundTrip(parameters: parameters, stdin: Array("hello world".utf8), stdinChunk: 4) {
            exchange in
            accepted = exchange.parameters.entries
            #expect(exchange.body == Array("hello world".utf8))
            #expect(!exchange.bodyTooLarge)
            #expect(exchange.declaredContentLength == 11)
            try exchange.respond(Self.response)
        }
        // libfcgi adds FCGI_ROLE; everything else is exactly what was sent, in the order it was sent.
        #expect(accepted.map(\.name) == ["FCGI_ROLE"] + parameters.map(\.0))
        #expect(accepted.map(\.value) == ["RESPONDER"] + parameters.map(\.1))
        #expect(reply.stdout == Self.response)
        #expect(reply.stderr.isEmpty)
        #expect(reply.appStatus == 0)
        #expect(reply.protocolStatus == 0)
    }

    @Test func emptyContentLengthMeansNoBody() throws {
        _ = try roundTrip(parameters: [("REQUEST_METHOD", "POST"), ("CONTENT_LENGTH", "")], stdin: []) { exchange in
            #expect(exchange.body.isEmpty)
            #expect(exchange.declaredContentLength == nil)
            #expect(!exchange.bodyTooLarge)
        }
    }

    @Test func absentContentLengthReadsToTheEndOfStdin() throws {
        let body = [UInt8](repeating: 0x41, count: 20_000)  // more than one internal read chunk
        _ = try roundTrip(parameters: [("REQUEST_METHOD", "POST")], stdin: body, maximumBodyBytes: 20_000) {
            exchange in
            #expect(exchange.body == body)
            #expect(!exchange.bodyTooLarge)
        }
    }

    @Test func bodyAtTheLimitIsRead() throws {
        let body = [UInt8](repeating: 0x42, count: 1024)
        _ = try roundTrip(parameters: [("CONTENT_LENGTH", "1024")], stdin: body) { exchange in
            #expect(exchange.body == body)
            #expect(!exchange.bodyTooLarge)
        }
    }

    @Test func declaredTooLargeIsFlaggedAndNotRead() throws {
        let reply = try roundTrip(
            parameters: [("CONTENT_LENGTH", "4096")], stdin: [UInt8](repeating: 0x43, count: 4096)
        ) { exchange in
            #expect(exchange.bodyTooLarge)
            #expect(exchange.body.isEmpty)
            #expect(exchange.declaredContentLength == 4096)
            try exchange.respond(Array("Status: 413 Content Too Large\r\nContent-Length: 0\r\n\r\n".utf8))
        }
        #expect(String(decoding: reply.stdout, as: UTF8.self).hasPrefix("Status: 413"))
        #expect(reply.protocolStatus == 0)
    }

    /// The responder closes right after the end-of-request record without waiting for the peer to close first (libfcgi
    /// alone waits up to 2 s: its lingering close), and first reads whatever of the request it has not read — here a
    /// body over the limit — so the close is a clean end of stream over unix sockets and TCP alike: the peer's write
    /// of the whole request succeeds and it reads the whole reply, then end of file (no reset).
    @Test(arguments: ["unix", "tcp"], [false, true])
    func theCloseReadsTheRestOfTheRequestAndDoesNotWaitForThePeer(transport: String, acceptingItself: Bool) throws {
        let unix = try UnixListener()
        let tcp = try LoopbackTCPListener()
        let responder = try FastCGIResponder(
            listeningDescriptor: transport == "tcp" ? tcp.descriptor : unix.descriptor, acceptingItself: acceptingItself
        )
        let client = try transport == "tcp" ? tcp.connect() : unix.connect()
        defer { close(client) }
        let request = Self.client.request(
            parameters: [("CONTENT_LENGTH", "300000")], stdin: [UInt8](repeating: 0x45, count: 300_000))
        // More than the socket buffers hold: written on another thread, and the end is kept open, as nginx keeps it.
        let written = SharedValue<Int>(0)
        let writeError = SharedValue<Int32>(0)
        let writer = TestThread.start {
            var offset = 0
            while offset < request.count {
                let count = request[offset...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0x4000) }
                guard count > 0 else {
                    writeError.set(errno)
                    break
                }
                offset += count
            }
            written.set(offset)
        }
        let exchange = try #require(try responder.accept(maximumBodyBytes: 1024))
        #expect(exchange.bodyTooLarge)
        try exchange.respond(Array("Status: 413 Content Too Large\r\nContent-Length: 0\r\n\r\n".utf8))
        var started = timespec()
        clock_gettime(CLOCK_MONOTONIC, &started)
        exchange.finish()
        var ended = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ended)
        pthread_join(writer, nil)
        #expect(written.get() == request.count)
        #expect(writeError.get() == 0)
        // Far below libfcgi's 2 s wait for a peer that does not close.
        #expect(ended.tv_sec - started.tv_sec < 1)
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var last = 0
        var readError: Int32 = 0
        repeat {
            last = buffer.withUnsafeMutableBytes { read(client, $0.baseAddress, $0.count) }
            if last > 0 { reply += buffer[0..<last] } else if last < 0 { readError = errno }
        } while last > 0
        #expect(last == 0)
        #expect(readError == 0)
        let decoded = try #require(FastCGITestClient.decode(reply))
        #expect(String(decoding: decoded.stdout, as: UTF8.self).hasPrefix("Status: 413"))
        #expect(decoded.protocolStatus == 0)
    }

    @Test func undeclaredTooLargeIsFlagged() throws {
        _ = try roundTrip(parameters: [("REQUEST_METHOD", "POST")], stdin: [UInt8](repeating: 0x44, count: 40_000)) {
            exchange in
            #expect(exchange.bodyTooLarge)
            #expect(exchange.body.isEmpty)
        }
    }

    @Test func bodyShorterThanDeclaredStopsAtEndOfStdin() throws {
        _ = try roundTrip(parameters: [("CONTENT_LENGTH", "100")], stdin: Array("short".utf8)) { exchange in
            #expect(exchange.body == Array("short".utf8))
            #expect(exchange.declaredContentLength == 100)
        }
    }

    @Test(
        arguments: [
            ("", nil), ("0", 0), ("42", 42), ("-1", nil), ("abc", nil), ("1e3", nil), (" 5", nil), ("+5", nil),
            ("007", 7), ("999999999999999999", 999_999_999_999_999_999), ("1000000000000000000", nil), ("٣", nil),
        ] as [(String, Int?)])
    func contentLengthParsing(text: String, expected: Int?) {
        #expect(FastCGIResponder.contentLength(text) == expected)
    }

    /// The whole reply (its stdout records, the empty record that ends stdout, the end-of-request record) is one
    /// write by `respond`, before `finish`; the close adds nothing after it. libfcgi's own output, an 8 KiB buffer,
    /// wrote such a reply in 8 KiB pieces and its end records only at the close.
    @Test func aReplyIsOneWriteByRespondAndTheCloseAddsNothing() throws {
        var page = Array("Status: 200 OK\r\nContent-Length: 70000\r\n\r\n".utf8)
        page += (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let listener = try UnixListener()
        let responder = try FastCGIResponder(listeningDescriptor: listener.descriptor)
        let client = try listener.connectAndSend(Self.client.request(parameters: [("A", "1")], stdin: []))
        defer { close(client) }
        let exchange = try #require(try responder.accept(maximumBodyBytes: 0))
        try exchange.respond(page)
        // Two stdout records (65,535 bytes at most each), the one that ends stdout, the end of the request.
        let expected = page.count + 2 * 8 + 8 + 16
        var peeked = [UInt8](repeating: 0, count: expected + 1)
        #expect(recv(client, &peeked, peeked.count, Int32(MSG_PEEK | MSG_DONTWAIT)) == expected)
        #expect(throws: FastCGIError.self) { try exchange.respond(Self.response) }
        exchange.finish()
        let received = UnixListener.readAll(client)
        #expect(received.count == expected)
        #expect(Array(received.suffix(16)) == [1, 3, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        let reply = try #require(FastCGITestClient.decode(received))
        #expect(reply.stdout == page)
        #expect(reply.protocolStatus == 0)
    }

    @Test func largeResponsesAreWrittenCompletely() throws {
        var big = Array("Status: 200 OK\r\nContent-Length: 300000\r\n\r\n".utf8)
        big += (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let listener = try UnixListener()
        let responder = try FastCGIResponder(listeningDescriptor: listener.descriptor)
        let client = try listener.connectAndSend(Self.client.request(parameters: [("A", "1")], stdin: []))
        defer { close(client) }
        let exchange = try #require(try responder.accept(maximumBodyBytes: 0))
        // The reply exceeds the socket buffer, so the client reads on another thread while this one writes.
        let received = SharedValue<[UInt8]>([])
        let reader = TestThread.start { received.set(UnixListener.readAll(client)) }
        try exchange.respond(big)
        exchange.finish()
        pthread_join(reader, nil)
        let reply = try #require(FastCGITestClient.decode(received.get()))
        #expect(reply.stdout == big)
        #expect(reply.protocolStatus == 0)
    }
}

@Suite(.serialized) struct FastCGIPendingRequestTests {
    static let client = FastCGITestClient()

    private func reply(_ text: String) -> [UInt8] {
        Array("Status: 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(text.utf8.count)\r\n\r\n\(text)".utf8)
    }

    /// Four requests `/<prefix>0`…`/<prefix>3` (bodies `b0`…`b3`) waiting on `listener`: their client ends.
    private func queue(_ prefix: String, on listener: UnixListener) throws -> [Int32] {
        try (0..<4).map { index in
            try listener.connectAndSend(
                Self.client.request(
                    parameters: [("REQUEST_URI", "/\(prefix)\(index)"), ("CONTENT_LENGTH", "2")],
                    stdin: Array("b\(index)".utf8)))
        }
    }

    @Test func waitingRequestsAreHeldAtOnceEachAnsweredOnItsOwnConnection() throws {
        let listener = try UnixListener()
        let responder = try FastCGIResponder(listeningDescriptor: listener.descriptor, acceptingItself: true)
        let clients = try queue("r", on: listener)
        defer { clients.forEach { close($0) } }
        let first = try #require(try responder.accept(maximumBodyBytes: 1024))
        // Two of the three waiting ones: the limit holds, the third stays queued for the next accept.
        let held = responder.acceptPending(upTo: 2, maximumBodyBytes: 1024)
        #expect(held.count == 2)
        let all = [first] + held
        #expect(all.map { $0.parameters["REQUEST_URI"] } == ["/r0", "/r1", "/r2"])
        #expect(all.map(\.body) == [Array("b0".utf8), Array("b1".utf8), Array("b2".utf8)])
        #expect(all.allSatisfy { $0.isOpen })
        // Answered out of order, each through its own request and connection.
        for exchange in all.reversed() {
            try exchange.respond(reply(exchange.parameters["REQUEST_URI"]!))
            exchange.finish()
            #expect(!exchange.isOpen)
        }
        for (index, client) in clients.prefix(3).enumerated() {
            let decoded = try #require(FastCGITestClient.decode(UnixListener.readAll(client)))
            #expect(decoded.stdout == reply("/r\(index)"))
            #expect(decoded.protocolStatus == 0)
        }
        // The fourth is the next accept's; the held slots are reused for the next group.
        let fourth = try #require(try responder.accept(maximumBodyBytes: 1024))
        #expect(fourth.parameters["REQUEST_URI"] == "/r3")
        #expect(responder.acceptPending(upTo: 2, maximumBodyBytes: 1024).isEmpty)
        try fourth.respond(reply("/r3"))
        fourth.finish()
        #expect(try #require(FastCGITestClient.decode(UnixListener.readAll(clients[3]))).stdout == reply("/r3"))
        #expect(!first.isOpen)
    }

    @Test func nothingWaitingOrLibfcgiAcceptingGivesNone() throws {
        let listener = try UnixListener()
        let itself = try FastCGIResponder(listeningDescriptor: listener.descriptor, acceptingItself: true)
        #expect(itself.acceptPending(upTo: 4, maximumBodyBytes: 1024).isEmpty)
        let other = try UnixListener()
        let byLibfcgi = try FastCGIResponder(listeningDescriptor: other.descriptor)
        let client = try other.connectAndSend(Self.client.request(parameters: [("REQUEST_URI", "/x")], stdin: []))
        defer { close(client) }
        // Without its own accept the responder holds nothing beside the request libfcgi accepts.
        #expect(byLibfcgi.acceptPending(upTo: 4, maximumBodyBytes: 1024).isEmpty)
        let exchange = try #require(try byLibfcgi.accept(maximumBodyBytes: 1024))
        #expect(exchange.parameters["REQUEST_URI"] == "/x")
        exchange.finish()
    }

    @Test func aHeldExchangeOfAnEarlierGroupCannotWriteOnceItsSlotIsReused() throws {
        let listener = try UnixListener()
        let responder = try FastCGIResponder(listeningDescriptor: listener.descriptor, acceptingItself: true)
        let clients = try queue("g", on: listener)
        defer { clients.forEach { close($0) } }
        let first = try #require(try responder.accept(maximumBodyBytes: 1024))
        let earlier = try #require(responder.acceptPending(upTo: 1, maximumBodyBytes: 1024).first)
        earlier.finish()
        first.finish()
        _ = try #require(try responder.accept(maximumBodyBytes: 1024))
        let later = try #require(responder.acceptPending(upTo: 1, maximumBodyBytes: 1024).first)
        #expect(later.isOpen)
        #expect(!earlier.isOpen)
        #expect(throws: FastCGIError.self) { try earlier.respond(reply("stale")) }
        later.finish()
    }
}
