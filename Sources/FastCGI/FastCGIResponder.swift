internal import CFastCGI
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
/// Not thread-safe, and not meant to be: a worker is one process with one thread.
public final class FastCGIResponder {
    let request: UnsafeMutablePointer<FCGX_Request>
    /// Incremented by every accept; an exchange from an older generation can no longer write.
    private(set) var generation: UInt64 = 0
    /// Requests dropped because their body could not be read (the peer went away mid-body).
    public private(set) var abortedRequests = 0
    /// The storage each request's parameters are copied into; reused while no exchange holds the previous copy.
    private var parameterStorage = CGIParameters(reservingBytes: 1024, entries: 32)

    /// Initialises libfcgi and a request bound to `listeningDescriptor` (fd 0 by FastCGI convention).
    ///
    /// - Throws: ``FastCGIError`` when `FCGX_Init` or `FCGX_InitRequest` fails.
    public init(listeningDescriptor: Int32 = 0) throws(FastCGIError) {
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
    }

    deinit {
        FCGX_Finish_r(request)
        request.deallocate()
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
            generation &+= 1
            errno = 0
            let status = FCGX_Accept_r(request)
            if status < 0 {
                let code = -status
                if SystemCall.isInterruption(code) { return nil }
                if code < 4096 {
                    throw FastCGIError(call: "FCGX_Accept_r", errnoCode: code)
                }
                throw FastCGIError(
                    call: "FCGX_Accept_r", errnoCode: 0, reason: "libfcgi status \(status) (shutdown pending?)")
            }
            let parameters = copyParameters()
            var declared: Int?
            parameters.withRequestLine { declared = FastCGIResponder.contentLength($0.contentLength) }
            guard let body = readBody(declaredLength: declared, maximum: maximumBodyBytes) else {
                abortedRequests += 1
                FCGX_Finish_r(request)
                continue
            }
            return FastCGIExchange(
                responder: self, generation: generation, parameters: parameters, body: body.bytes,
                bodyTooLarge: body.tooLarge, declaredContentLength: declared)
        }
    }

    /// A copy of the request's environment (`name=value` strings) in one flat buffer: no string or hash per
    /// parameter (see ``CGIParameters``). The buffer of the previous request is reused: once its exchange is gone it
    /// has no other owner, so the copy allocates nothing.
    private func copyParameters() -> CGIParameters {
        // Moved out into a local first: appending to the stored property would check exclusive access per entry.
        var parameters = CGIParameters()
        swap(&parameters, &parameterStorage)
        parameters.removeAll()
        if var cursor = request.pointee.envp {
            while let entry = cursor.pointee {
                entry.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
                    parameters.append(entry: UnsafeBufferPointer(start: bytes, count: strlen(entry)))
                }
                cursor += 1
            }
        }
        parameterStorage = parameters
        return parameters
    }

    /// The declared body length: `nil` when absent, empty or not a non-negative decimal number.
    static func contentLength(_ value: String?) -> Int? {
        guard var value else { return nil }
        return value.withUTF8 { contentLength($0) }
    }

    /// The same, from the bytes as sent (no string).
    static func contentLength(_ value: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !value.isEmpty, value.count <= 18 else { return nil }
        var length = 0
        for byte in value {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            length = length * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return length
    }

    /// Reads the body; `nil` when stdin reported an error.
    private func readBody(declaredLength: Int?, maximum: Int) -> (bytes: [UInt8], tooLarge: Bool)? {
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
