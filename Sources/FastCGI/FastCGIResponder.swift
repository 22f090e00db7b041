internal import CFastCGI
internal import CLinux
import SystemCalls
import Web

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Accepts FastCGI requests on a listening socket, one at a time, through libfcgi.
///
/// ```swift
/// let responder = try FastCGIResponder()            // fd 0, as spawned by the pool master
/// while !stopRequested {
///     guard let exchange = try responder.accept(maximumBodyBytes: 1 << 20) else { continue }
///     try? exchange.respond(response.cgiBytes())
///     exchange.finish()
/// }
/// ```
///
/// Signals: the request is initialised with `FCGI_FAIL_ACCEPT_ON_INTR`, so a signal whose handler was
/// installed with `sigaction` *without* `SA_RESTART` makes a blocked ``accept(maximumBodyBytes:)``
/// return `nil`. libfcgi's `FCGX_Init` installs handlers for `SIGPIPE` (a no-op, so writes to a vanished
/// peer fail with `EPIPE` instead of killing the worker) and `SIGUSR1` (libfcgi's own "shutdown pending",
/// after which every accept fails) when those signals are at their default disposition; the
/// initialiser also makes sure `SIGPIPE` is never left at its default.
///
/// Accepting itself (`acceptingItself`, the pool worker): the responder waits for connections on an epoll instance
/// of its own (`EPOLLEXCLUSIVE`: a connection wakes one waiting worker, not all), accepts them from the listening
/// socket (made non-blocking) and hands each to libfcgi, which then only reads the request and writes the reply. A
/// signal handler installed with `SA_RESTART` then interrupts nothing but that wait (`epoll_wait` returns `EINTR`
/// whatever `SA_RESTART` says) and libfcgi's reads and writes restart after it. libfcgi's own accept polls each new
/// unix-socket connection for its first bytes and closes it when the poll is interrupted: nginx, still sending the
/// request, then logs "writev() failed (32: Broken pipe) while sending request to upstream" and answers 502 — seen in
/// session 15's reload-under-load bench once workers stopped lingering after each reply and spent their time in
/// accept. A stop signal that arrives just before the wait is seen after the next request (the caller checks its
/// flag before each accept), never lost.
///
/// Not thread-safe, and not meant to be: a worker is one process with one thread.
public final class FastCGIResponder {
    let request: UnsafeMutablePointer<FCGX_Request>
    /// The listening socket.
    private let listeningDescriptor: Int32
    /// The epoll instance the responder waits on when it accepts itself; -1 when libfcgi accepts.
    private var waitInstance: Int32 = -1
    /// Whether the listening socket is TCP (its connections get `TCP_NODELAY`).
    private var listensOnTCP = false
    /// Incremented by every accept; an exchange from an older generation can no longer write.
    private(set) var generation: UInt64 = 0
    /// The requests held beside the primary one by ``acceptPending(upTo:maximumBodyBytes:)`` (slots 1, 2, …),
    /// allocated when first needed and kept for the worker's life, and the generation of each (as ``generation``).
    private var heldRequests: [UnsafeMutablePointer<FCGX_Request>] = []
    private var heldGenerations: [UInt64] = []
    /// Requests dropped because their body could not be read (the peer went away mid-body).
    public private(set) var abortedRequests = 0
    /// The storage each request's parameters are copied into; reused while no exchange holds the previous copy.
    private var parameterStorage = CGIParameters(reservingBytes: 1024, entries: 32)

    /// Initialises libfcgi and a request bound to `listeningDescriptor` (fd 0 by FastCGI convention); with
    /// `acceptingItself` the responder accepts connections itself (see above).
    ///
    /// - Throws: ``FastCGIError`` when `FCGX_Init` or `FCGX_InitRequest` fails, or the wait cannot be set up.
    public init(listeningDescriptor: Int32 = 0, acceptingItself: Bool = false) throws(FastCGIError) {
        self.listeningDescriptor = listeningDescriptor
        let status = FCGX_Init()
        guard status == 0 else {
            throw FastCGIError(call: "FCGX_Init", errnoCode: status > 0 ? status : 0, reason: "status \(status)")
        }
        FastCGIResponder.ignoreSIGPIPEIfDefault()
        request = .allocate(capacity: 1)
        let initStatus = FCGX_InitRequest(request, listeningDescriptor, Int32(FCGI_FAIL_ACCEPT_ON_INTR))
        guard initStatus == 0 else {
            request.deallocate()
            throw FastCGIError(call: "FCGX_InitRequest", errnoCode: 0, reason: "status \(initStatus)")
        }
        guard acceptingItself else { return }
        var domain: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        let flags = fcntl(listeningDescriptor, F_GETFL)
        guard flags >= 0, fcntl(listeningDescriptor, F_SETFL, flags | O_NONBLOCK) == 0,
            getsockopt(listeningDescriptor, SOL_SOCKET, SO_DOMAIN, &domain, &length) == 0
        else {
            let code = errno
            FCGX_Free(request, 0)
            request.deallocate()
            throw FastCGIError(call: "fcntl", errnoCode: code)
        }
        listensOnTCP = domain == AF_INET || domain == AF_INET6
        waitInstance = cz_epoll_exclusive(listeningDescriptor)
        guard waitInstance >= 0 else {
            let code = errno
            FCGX_Free(request, 0)
            request.deallocate()
            throw FastCGIError(call: "epoll_ctl", errnoCode: code)
        }
    }

    deinit {
        endRequest()
        request.deallocate()
        for held in heldRequests {
            endRequest(held)
            held.deallocate()
        }
        if waitInstance >= 0 { close(waitInstance) }
    }

    /// The request of exchange slot `slot` (0: the primary one).
    private func request(slot: Int) -> UnsafeMutablePointer<FCGX_Request> {
        slot == 0 ? request : heldRequests[slot - 1]
    }

    /// The generation of slot `slot`: an exchange of an older one can no longer write.
    func generation(slot: Int) -> UInt64 {
        slot == 0 ? generation : heldGenerations[slot - 1]
    }

    /// The next connection on the listening socket, accepted here; nil when a signal interrupted the wait.
    private func nextConnection() throws(FastCGIError) -> Int32? {
        while true {
            let connection = cz_accept(listeningDescriptor, Int32(SOCK_CLOEXEC.rawValue))
            if connection >= 0 {
                // As libfcgi's own accept does for TCP: the reply's records go out without waiting for acknowledgements.
                if listensOnTCP {
                    var on: Int32 = 1
                    _ = setsockopt(
                        connection, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
                }
                return connection
            }
            let code = errno
            if SystemCall.isInterruption(code) { return nil }
            switch code {
            case EAGAIN, EWOULDBLOCK:
                if cz_epoll_wait_one(waitInstance) < 0 {
                    let waitCode = errno
                    if SystemCall.isInterruption(waitCode) { return nil }
                    throw FastCGIError(call: "epoll_wait", errnoCode: waitCode)
                }
            case ECONNABORTED, EPROTO:
                continue
            default:
                throw FastCGIError(call: "accept4", errnoCode: code)
            }
        }
    }

    /// Writes `response` as the open request's whole reply in one write: stdout records of up to 65,535 bytes each,
    /// the empty record that ends stdout and the end-of-request record (application status 0, request complete).
    /// libfcgi's output streams are then marked closed, so its end of the request (``endRequest()``) writes nothing
    /// more.
    ///
    /// Why not `FCGX_PutStr`: libfcgi's output buffer holds 8 KiB, so a larger reply went out as one write per
    /// 8 KiB — two for a 10 KB purchase list, three for a 17 KB configurator page — and nginx woke up and read once
    /// per write (issue #16, session 16).
    func reply(_ response: [UInt8], slot: Int = 0) throws(FastCGIError) {
        let request = request(slot: slot)
        guard let output = request.pointee.out, let errors = request.pointee.err, request.pointee.ipcFd >= 0 else {
            throw FastCGIError(call: "write", errnoCode: 0, reason: "no request is open")
        }
        let id = UInt16(truncatingIfNeeded: request.pointee.requestId)
        var records: [UInt8] = []
        records.reserveCapacity(response.count + 8 * (response.count / 65_535 + 1) + 24)
        func header(type: UInt8, length: Int) {
            records.append(contentsOf: [
                1, type, UInt8(id >> 8), UInt8(id & 0xff), UInt8(length >> 8), UInt8(length & 0xff), 0, 0,
            ])
        }
        var offset = 0
        while offset < response.count {
            let length = min(65_535, response.count - offset)
            header(type: 6, length: length)  // FCGI_STDOUT
            records.append(contentsOf: response[offset..<offset + length])
            offset += length
        }
        header(type: 6, length: 0)  // the end of stdout
        header(type: 3, length: 8)  // FCGI_END_REQUEST: application status 0, FCGI_REQUEST_COMPLETE, 3 reserved
        records.append(contentsOf: [0, 0, 0, 0, 0, 0, 0, 0])
        for stream in [output, errors] {
            stream.pointee.wasFCloseCalled = 1
            stream.pointee.isClosed = 1
        }
        do {
            try SystemCall.writeAll(request.pointee.ipcFd, records)
        } catch {
            throw FastCGIError(call: "write", errnoCode: error.errno)
        }
    }

    /// Ends the open request, if any: reads what is left of its stdin and drops it (nothing for nearly every
    /// request, whose body was read; a body over the limit is read here), flushes the output with the end-of-request
    /// record, and closes the connection at once.
    ///
    /// libfcgi's own end (`FCGX_Finish_r` alone) half-closes the connection and then waits, up to two seconds, for
    /// the web server to close its side ("lingering", so that input left unread cannot turn the close into a TCP
    /// reset that costs the peer response data it has not read yet). With stdin read to its end nothing is left
    /// unread, the close is a plain FIN on unix sockets and TCP alike, and the worker takes its next request without
    /// waiting for nginx to be scheduled first: `FCGX_Detach` makes libfcgi close without the wait (session 15:
    /// `/healthz` through nginx 11,400–11,800 → 16,700–17,100 req/s on two cores; README "Speed").
    func endRequest(slot: Int = 0) {
        endRequest(request(slot: slot))
    }

    private func endRequest(_ request: UnsafeMutablePointer<FCGX_Request>) {
        guard let input = request.pointee.in else {
            FCGX_Finish_r(request)
            return
        }
        withUnsafeTemporaryAllocation(byteCount: 8_192, alignment: 1) { scratch in
            let base = scratch.baseAddress!.assumingMemoryBound(to: CChar.self)
            while FCGX_HasSeenEOF(input) == 0, FCGX_GetError(input) == 0,
                FCGX_GetStr(base, Int32(scratch.count), input) > 0
            {}
        }
        _ = FCGX_Detach(request)
        FCGX_Finish_r(request)
    }

    /// Waits for the next request, finishing the previous one if it is still open.
    ///
    /// Copies every CGI parameter into Swift strings and reads the body from FastCGI stdin: up to the
    /// declared `CONTENT_LENGTH` (or until the end of stdin, if that comes first); without a usable
    /// `CONTENT_LENGTH` (absent or empty, as nginx sends for bodiless requests) until the end of stdin.
    /// A body that is declared — or turns out — larger than `maximumBodyBytes` is not kept and the
    /// exchange is flagged ``FastCGIExchange/bodyTooLarge`` so the caller answers 413. A request whose
    /// body cannot be read because the peer went away is dropped and counted in ``abortedRequests``.
    ///
    /// - Returns: the exchange, or `nil` when the wait was interrupted by a signal (check the stop flag
    ///   and call again).
    /// - Throws: ``FastCGIError`` when accepting fails for another reason, e.g. the listening descriptor
    ///   is closed or not a socket (`EBADF`, `ENOTSOCK`), descriptors are exhausted, or libfcgi's
    ///   shutdown is pending. The worker should exit; the pool master replaces it.
    public func accept(maximumBodyBytes: Int) throws(FastCGIError) -> FastCGIExchange? {
        precondition(maximumBodyBytes >= 0, "maximumBodyBytes must not be negative")
        while true {
            // FCGX_Accept_r would end an open request itself, with libfcgi's lingering close (see endRequest()).
            if request.pointee.in != nil { endRequest() }
            if waitInstance >= 0 {
                guard let connection = try nextConnection() else { return nil }
                // FCGX_Accept_r reads the request from this connection; it first ends "the previous request" and
                // would close the connection unless it is marked kept (the request's own flags then replace it).
                request.pointee.ipcFd = connection
                request.pointee.keepConnection = 1
            }
            generation &+= 1
            errno = 0
            let status = FCGX_Accept_r(request)
            if status < 0 {
                let code = -status
                if SystemCall.isInterruption(code) { return nil }
                // libfcgi could not read the request and went to accept the next connection itself, but there was
                // none waiting on the non-blocking socket: wait again.
                if waitInstance >= 0, code == EAGAIN || code == EWOULDBLOCK { continue }
                if code < 4096 {
                    throw FastCGIError(call: "FCGX_Accept_r", errnoCode: code)
                }
                throw FastCGIError(
                    call: "FCGX_Accept_r", errnoCode: 0, reason: "libfcgi status \(status) (shutdown pending?)")
            }
            // Moved out into a local first: appending to the stored property would check exclusive access per entry.
            var parameters = CGIParameters()
            swap(&parameters, &parameterStorage)
            copyParameters(of: request, into: &parameters)
            parameterStorage = parameters
            var declared: Int?
            parameters.withRequestLine { declared = FastCGIResponder.contentLength($0.contentLength) }
            guard let body = readBody(of: request, declaredLength: declared, maximum: maximumBodyBytes) else {
                abortedRequests += 1
                endRequest()
                continue
            }
            return FastCGIExchange(
                responder: self, slot: 0, generation: generation, parameters: parameters, body: body.bytes,
                bodyTooLarge: body.tooLarge, declaredContentLength: declared)
        }
    }

    /// Requests that are already waiting, read while the one ``accept(maximumBodyBytes:)`` returned stays open: up to
    /// `limit` connections taken from the listening socket without waiting (none when none is pending, or when the
    /// responder does not accept itself), each read like ``accept(maximumBodyBytes:)`` reads its request, each
    /// answered through its own exchange. A worker that answers several requests with one database transaction
    /// (issue #11: single usage events, one commit for all) takes them here; a connection whose request cannot be
    /// read is closed and skipped. Every exchange of an earlier call must be finished first (a slot is reused).
    public func acceptPending(upTo limit: Int, maximumBodyBytes: Int) -> [FastCGIExchange] {
        guard waitInstance >= 0, limit > 0 else { return [] }
        var exchanges: [FastCGIExchange] = []
        var slot = 1
        while exchanges.count < limit {
            let connection = cz_accept(listeningDescriptor, Int32(SOCK_CLOEXEC.rawValue))
            guard connection >= 0 else {
                let code = errno
                if code == ECONNABORTED || code == EPROTO { continue }
                break  // EAGAIN: none pending (or a failure the next accept reports)
            }
            if listensOnTCP {
                var on: Int32 = 1
                _ = setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            }
            guard let held = heldRequest(slot: slot) else {
                close(connection)
                break
            }
            if held.pointee.in != nil { endRequest(held) }
            held.pointee.ipcFd = connection
            held.pointee.keepConnection = 1
            heldGenerations[slot - 1] &+= 1
            let status = FCGX_Accept_r(held)
            // On failure libfcgi closed the connection and looked for the next one itself (none: EAGAIN); a request
            // that libfcgi began to read from another connection is ended and closed like any other.
            guard status >= 0 else {
                if held.pointee.in != nil { endRequest(held) }
                continue
            }
            var parameters = CGIParameters(reservingBytes: 1024, entries: 32)
            copyParameters(of: held, into: &parameters)
            var declared: Int?
            parameters.withRequestLine { declared = FastCGIResponder.contentLength($0.contentLength) }
            guard let body = readBody(of: held, declaredLength: declared, maximum: maximumBodyBytes) else {
                abortedRequests += 1
                endRequest(held)
                continue
            }
            exchanges.append(
                FastCGIExchange(
                    responder: self, slot: slot, generation: heldGenerations[slot - 1], parameters: parameters,
                    body: body.bytes, bodyTooLarge: body.tooLarge, declaredContentLength: declared))
            slot += 1
        }
        return exchanges
    }

    /// The held request of `slot` (1, 2, …), initialised on first use; nil when libfcgi cannot initialise one.
    private func heldRequest(slot: Int) -> UnsafeMutablePointer<FCGX_Request>? {
        if slot <= heldRequests.count { return heldRequests[slot - 1] }
        let held = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        guard FCGX_InitRequest(held, listeningDescriptor, Int32(FCGI_FAIL_ACCEPT_ON_INTR)) == 0 else {
            held.deallocate()
            return nil
        }
        heldRequests.append(held)
        heldGenerations.append(0)
        return held
    }

    /// A copy of the request's environment (`name=value` strings) in one flat buffer: no string or hash per
    /// parameter (see ``CGIParameters``). The buffer of the previous request is reused: once its exchange is gone it
    /// has no other owner, so the copy allocates nothing.
    private func copyParameters(of request: UnsafeMutablePointer<FCGX_Request>, into parameters: inout CGIParameters) {
        var entryCount = 0
        var byteCount = 0
        if let environment = request.pointee.envp {
            while let entry = environment[entryCount] {
                byteCount += strlen(entry)
                entryCount += 1
            }
            parameters.replaceAll(byteCount: byteCount, entryCount: entryCount) { index in
                let entry = UnsafeRawPointer(environment[index]!)
                return UnsafeBufferPointer(
                    start: entry.assumingMemoryBound(to: UInt8.self), count: strlen(environment[index]!))
            }
        } else {
            parameters.removeAll()
        }
    }

    /// The declared body length: `nil` when absent, empty or not a non-negative decimal number.
    static func contentLength(_ value: String?) -> Int? {
        guard var value else { return nil }
        return value.withUTF8 { contentLength($0) }
    }

    /// The same, from the bytes as sent (no string).
    public static func contentLength(_ value: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !value.isEmpty, value.count <= 18 else { return nil }
        var length = 0
        for byte in value {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            length = length * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return length
    }

    /// Reads the body; `nil` when stdin reported an error.
    private func readBody(
        of request: UnsafeMutablePointer<FCGX_Request>, declaredLength: Int?, maximum: Int
    ) -> (bytes: [UInt8], tooLarge: Bool)? {
        let input = request.pointee.in
        if let declaredLength {
            if declaredLength > maximum { return ([], true) }
            if declaredLength == 0 { return ([], false) }
            let bytes = [UInt8](unsafeUninitializedCapacity: declaredLength) { buffer, initialized in
                initialized = read(into: UnsafeMutableRawBufferPointer(buffer), from: input)
            }
            return FCGX_GetError(input) == 0 ? (bytes, false) : nil
        }
        // No usable length (nginx sends an empty CONTENT_LENGTH for bodiless requests): read to the end of stdin,
        // but never keep more than `maximum` bytes. Most such requests have no body at all, so the first read goes
        // to a small buffer on the stack and nothing is allocated for an empty body.
        var bytes: [UInt8] = []
        var first = 0
        var probe = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &probe) { buffer in
            first = read(into: buffer, from: input)
            if first > 0 { bytes.append(contentsOf: buffer[..<first]) }
        }
        if FCGX_GetError(input) != 0 { return nil }
        if first < MemoryLayout.size(ofValue: probe) { return (bytes, false) }
        let chunk = 16 * 1024
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[start...]), from: input)
            }
            bytes.removeLast(chunk - count)
            if FCGX_GetError(input) != 0 { return nil }
            if bytes.count > maximum { return ([], true) }
            if count < chunk { return (bytes, false) }
        }
    }

    private func read(
        into buffer: UnsafeMutableRawBufferPointer, from input: UnsafeMutablePointer<FCGX_Stream>?
    )
        -> Int
    {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let count = FCGX_GetStr(base.assumingMemoryBound(to: CChar.self), Int32(buffer.count), input)
        return max(0, Int(count))
    }

    /// Makes sure a write to a vanished peer returns `EPIPE` instead of killing the process.
    static func ignoreSIGPIPEIfDefault() {
        var current = sigaction()
        guard sigaction(SIGPIPE, nil, &current) == 0 else { return }
        #if canImport(Glibc)
            let isDefault = current.__sigaction_handler.sa_handler == nil
        #else
            let isDefault = current.__sigaction_u.__sa_handler == nil
        #endif
        if isDefault { _ = signal(SIGPIPE, SIG_IGN) }
    }
}
