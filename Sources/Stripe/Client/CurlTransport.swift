internal import CCurl

/// One HTTP exchange over libcurl, blocking the calling thread: the only file of the module that
/// touches C. A fresh easy handle per request keeps it thread-safe; `NOSIGNAL` keeps libcurl's timeouts
/// away from process signals.
struct CurlTransport: Sendable {
    /// What came back.
    struct Response: Sendable {
        var status: Int
        /// Header names lowercased, in order.
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            let lowered = name.lowercased()
            return headers.last { $0.name == lowered }?.value
        }
    }

    /// The largest response body accepted.
    static let maximumBodySize = 1 << 20

    private static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// Performs `method` (`GET` or `POST`) on `url`.
    ///
    /// `verifyTLS: false` is only for the dev trigger against a self-signed local certificate.
    ///
    /// - Throws: ``StripeError/timeout`` when `timeout` (or `connectTimeout` for the connection) ran out,
    ///   ``StripeError/network(_:)`` for every other transport failure.
    func perform(
        method: String, url: String, headers: [String], body: [UInt8]?, connectTimeout: Double, timeout: Double,
        verifyTLS: Bool = true
    ) throws(StripeError) -> Response {
        guard Self.initialised, let handle = curl_easy_init() else { throw .network("libcurl unavailable") }
        defer { curl_easy_cleanup(handle) }
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers + ["Expect:"] { list = curl_slist_append(list, header) }
        defer { curl_slist_free_all(list) }

        let sink = ResponseSink()
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }

        var ok = true
        ok = ok && url.withCString { codezero_curl_setopt_pointer(handle, CURLOPT_URL, $0) } == CURLE_OK
        ok =
            ok
            && "http,https".withCString { codezero_curl_setopt_pointer(handle, CURLOPT_PROTOCOLS_STR, $0) } == CURLE_OK
        ok = ok && codezero_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1) == CURLE_OK
        ok =
            ok
            && codezero_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
                == CURLE_OK
        ok = ok && codezero_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout)) == CURLE_OK
        ok = ok && codezero_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, list) == CURLE_OK
        if !verifyTLS {
            ok = ok && codezero_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 0) == CURLE_OK
            ok = ok && codezero_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 0) == CURLE_OK
        }
        ok = ok && codezero_curl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, ResponseSink.receiveBody) == CURLE_OK
        ok = ok && codezero_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context.toOpaque()) == CURLE_OK
        ok = ok && codezero_curl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, ResponseSink.receiveHeader) == CURLE_OK
        ok = ok && codezero_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context.toOpaque()) == CURLE_OK
        if method == "POST" {
            let bytes = body ?? []
            ok = ok && codezero_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count) == CURLE_OK
            // COPYPOSTFIELDS copies the bytes; a one-byte dummy keeps the pointer non-null for an empty body.
            let copied = (bytes.isEmpty ? [0] : bytes).withUnsafeBufferPointer {
                codezero_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress)
            }
            ok = ok && copied == CURLE_OK
        } else {
            ok = ok && codezero_curl_setopt_long(handle, CURLOPT_HTTPGET, 1) == CURLE_OK
        }
        guard ok else { throw .network("libcurl rejected an option") }

        let code = curl_easy_perform(handle)
        switch code {
        case CURLE_OK: break
        case CURLE_OPERATION_TIMEDOUT: throw .timeout
        case CURLE_WRITE_ERROR where sink.overflowed: throw .network("response body larger than 1 MiB")
        default: throw .network(String(cString: curl_easy_strerror(code)))
        }
        var status = 0
        _ = codezero_curl_response_code(handle, &status)
        return Response(status: status, headers: sink.headers, body: sink.body)
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1000).rounded(.up)))
    }
}

/// Collects the body and headers libcurl hands to the callbacks.
private final class ResponseSink {
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    var overflowed = false

    static let receiveBody: codezero_curl_data_callback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard sink.body.count + length <= CurlTransport.maximumBodySize else {
            sink.overflowed = true
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    static let receiveHeader: codezero_curl_data_callback = { data, size, count, context in
        guard let data, let context else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
        if line.starts(with: Array("HTTP/".utf8)) {
            sink.headers.removeAll()  // a new response (after 100 Continue): keep only the final headers
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            var value = line[(colon + 1)...]
            while let first = value.first, isSpace(first) { value = value.dropFirst() }
            while let last = value.last, isSpace(last) { value = value.dropLast() }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            sink.headers.append((name: name, value: String(decoding: value, as: UTF8.self)))
        }
        return length
    }
}
