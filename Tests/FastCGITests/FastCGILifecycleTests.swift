import Glibc
import Synchronization
import TestSupport
import Testing
import Web

@testable import FastCGI

@Suite(.serialized) struct FastCGILifecycleTests {
    static let client = FastCGITestClient()

    @Test func parametersSurviveTheNextAcceptAndStaleExchangesCannotWrite() throws {
        let listener = try UnixListener()
        let responder = try FastCGIResponder(listeningDescriptor: listener.descriptor)
        let first = try listener.connectAndSend(
            Self.client.request(
                parameters: [("REQUEST_URI", "/first"), ("X", String(repeating: "1", count: 500))], stdin: []))
        let second = try listener.connectAndSend(
            Self.client.request(parameters: [("REQUEST_URI", "/second")], stdin: []))
        defer {
            close(first)
            close(second)
        }
        let exchange1 = try #require(try responder.accept(maximumBodyBytes: 0))
        #expect(exchange1.isOpen)
        let exchange2 = try #require(try responder.accept(maximumBodyBytes: 0))
        // libfcgi freed the first request's environment; our copies are unaffected.
        #expect(exchange1.parameters["REQUEST_URI"] == "/first")
        #expect(exchange1.parameters["X"] == String(repeating: "1", count: 500))
        #expect(exchange2.parameters["REQUEST_URI"] == "/second")
        #expect(!exchange1.isOpen)
        #expect(throws: FastCGIError.self) { try exchange1.respond([0x41]) }
        try exchange2.respond(Array("Status: 204 No Content\r\n\r\n".utf8))
        exchange2.finish()
        exchange2.finish()  // idempotent
        #expect(throws: FastCGIError.self) { try exchange2.respond([0x41]) }
        // The first request was finished implicitly: an END_REQUEST without output.
        let reply1 = try #require(FastCGITestClient.decode(UnixListener.readAll(first)))
        #expect(reply1.stdout.isEmpty)
        #expect(reply1.protocolStatus == 0)
        let reply2 = try #require(FastCGITestClient.decode(UnixListener.readAll(second)))
        #expect(reply2.stdout == Array("Status: 204 No Content\r\n\r\n".utf8))
    }

    @Test func requestWhosePeerVanishesMidBodyIsDroppedAndCounted() throws {
        let listener = try UnixListener()
        let responder = try FastCGIResponder(listeningDescriptor: listener.descriptor)
        // Declares 100 bytes, sends 10 and hangs up without ending stdin.
        let full = Self.client.request(parameters: [("CONTENT_LENGTH", "100")], stdin: [])
        let truncated = Array(full.dropLast(8)) + Self.client.record(.stdin, Array("0123456789".utf8))
        let broken = try listener.connectAndSend(truncated)
        close(broken)
        let good = try listener.connectAndSend(Self.client.request(parameters: [("REQUEST_URI", "/ok")], stdin: []))
        defer { close(good) }
        let exchange = try #require(try responder.accept(maximumBodyBytes: 1024))
        #expect(exchange.parameters["REQUEST_URI"] == "/ok")
        #expect(responder.abortedRequests == 1)
        exchange.finish()
    }

    @Test func sigpipeNeverKillsTheWorker() throws {
        // Start from the default disposition, as a freshly spawned worker might have it.
        _ = signal(SIGPIPE, SIG_DFL)
        let listener = try UnixListener()
        let responder = try FastCGIResponder(listeningDescriptor: listener.descriptor)
        var disposition = sigaction()
        sigaction(SIGPIPE, nil, &disposition)
        #expect(disposition.__sigaction_handler.sa_handler != nil, "SIGPIPE is still at its default")
        let client = try listener.connectAndSend(Self.client.request(parameters: [("A", "1")], stdin: []))
        close(client)
        let exchange = try #require(try responder.accept(maximumBodyBytes: 0))
        // The reply is written whole by respond, so even a small one reaches the closed socket now.
        #expect {
            try exchange.respond([UInt8](repeating: 0x45, count: 100))
        } throws: { error in
            (error as? FastCGIError)?.errnoCode == EPIPE && (error as? FastCGIError)?.call == "write"
        }
        exchange.finish()
    }

    @Test func acceptOnANonSocketThrowsWithErrno() throws {
        var pipeDescriptors: [Int32] = [0, 0]
        #expect(pipe(&pipeDescriptors) == 0)
        defer {
            close(pipeDescriptors[0])
            close(pipeDescriptors[1])
        }
        let responder = try FastCGIResponder(listeningDescriptor: pipeDescriptors[0])
        #expect {
            _ = try responder.accept(maximumBodyBytes: 0)
        } throws: { error in
            guard let error = error as? FastCGIError else { return false }
            return error.call == "FCGX_Accept_r" && error.errnoCode == ENOTSOCK
                && error.description.contains("errno \(ENOTSOCK)")
        }
    }

    /// Whether the SIGUSR2 handler of ``installHandler(restarting:)`` ran.
    private static let stopSeen = Atomic<Bool>(false)

    /// A SIGUSR2 handler that records the signal, with or without SA_RESTART (the pool worker's stop handlers restart
    /// interrupted calls; libfcgi's own accept needs them not to).
    private static func installHandler(restarting: Bool) {
        stopSeen.store(false, ordering: .relaxed)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in FastCGILifecycleTests.stopSeen.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = restarting ? Int32(SA_RESTART) : 0
        sigaction(SIGUSR2, &action, nil)
    }

    /// Runs `body` on a thread of its own with SIGUSR2 unblocked (threads inherit the creator's signal mask, and the
    /// test runner's threads block signals).
    private static func onThread(_ body: @escaping @Sendable () -> Void) -> pthread_t {
        TestThread.start {
            var unblock = sigset_t()
            sigemptyset(&unblock)
            sigaddset(&unblock, SIGUSR2)
            pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
            body()
        }
    }

    /// A signal ends the wait for a connection: libfcgi's accept (handler without SA_RESTART), and the responder's
    /// own wait when it accepts itself (handler with SA_RESTART, as in the pool worker).
    @Test(arguments: [false, true])
    func aSignalEndsTheWaitForAConnection(acceptingItself: Bool) throws {
        let listener = try UnixListener()
        Self.installHandler(restarting: acceptingItself)
        let outcome = SharedValue<String?>(nil)
        let descriptor = listener.descriptor
        let thread = Self.onThread {
            do {
                let responder = try FastCGIResponder(listeningDescriptor: descriptor, acceptingItself: acceptingItself)
                let exchange = try responder.accept(maximumBodyBytes: 0)
                outcome.set(exchange == nil ? "interrupted" : "accepted")
                exchange?.finish()
            } catch {
                outcome.set("error: \(error)")
            }
        }
        for _ in 0..<300 where outcome.get() == nil {
            pthread_kill(thread, SIGUSR2)
            usleep(10_000)
        }
        if outcome.get() == nil {
            // Not interrupted: unblock the thread with a real request so the test fails instead of hanging.
            close(try listener.connectAndSend(Self.client.request(parameters: [], stdin: [])))
        }
        pthread_join(thread, nil)
        #expect(outcome.get() == "interrupted")
    }

    /// A stop signal that arrives after a connection was accepted does not cut its request — neither before the
    /// request's first byte (libfcgi's own accept polls for it and closes the connection when the poll is
    /// interrupted) nor while the body is read (a read that fails with EINTR drops it): the read resumes, the request
    /// is served whole, and the handler has recorded the stop for the caller's check before its next accept.
    @Test(arguments: ["before the first byte", "within the body"])
    func aStopSignalAfterTheAcceptLetsTheRequestBeServedWhole(moment: String) throws {
        let listener = try UnixListener()
        Self.installHandler(restarting: true)
        let client = try listener.connect()
        defer { close(client) }
        let request = Self.client.request(parameters: [("CONTENT_LENGTH", "5")], stdin: Array("hello".utf8))
        // Nothing, or everything but the body's last bytes now: the responder accepts and blocks reading.
        let split = moment == "within the body" ? request.count - 12 : 0
        func send(_ bytes: ArraySlice<UInt8>) {
            var offset = bytes.startIndex
            while offset < bytes.endIndex {
                let count = bytes[offset...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                guard count > 0 else { return }
                offset += count
            }
        }
        send(request[..<split])
        let outcome = SharedValue<String?>(nil)
        let reading = SharedValue<Bool>(false)
        let descriptor = listener.descriptor
        let thread = Self.onThread {
            do {
                let responder = try FastCGIResponder(listeningDescriptor: descriptor, acceptingItself: true)
                reading.set(true)
                guard let exchange = try responder.accept(maximumBodyBytes: 1024) else {
                    outcome.set("no request")
                    return
                }
                try exchange.respond(Array("Status: 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8))
                exchange.finish()
                outcome.set(
                    "body \(String(decoding: exchange.body, as: UTF8.self)), aborted \(responder.abortedRequests), "
                        + "stop seen \(FastCGILifecycleTests.stopSeen.load(ordering: .relaxed))")
            } catch {
                outcome.set("error: \(error)")
            }
        }
        while !reading.get() { usleep(1_000) }
        usleep(300_000)
        pthread_kill(thread, SIGUSR2)
        usleep(50_000)
        send(request[split...])
        for _ in 0..<500 where outcome.get() == nil { usleep(10_000) }
        if outcome.get() == nil {
            // Cut: serve the thread a request of its own, so the test fails, not hangs.
            close(try listener.connectAndSend(Self.client.request(parameters: [], stdin: [])))
        }
        pthread_join(thread, nil)
        #expect(outcome.get() == "body hello, aborted 0, stop seen true")
        let reply = try #require(FastCGITestClient.decode(UnixListener.readAll(client)))
        #expect(reply.stdout == Array("Status: 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8))
    }
}
