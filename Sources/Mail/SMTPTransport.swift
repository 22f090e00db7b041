internal import CCurl

/// SMTP delivery over libcurl: STARTTLS required for `smtp://` (implicit TLS for `smtps://`), AUTH with
/// the endpoint's credentials, a connect and a total timeout. The only file of the module that touches C.
///
/// A reply of 5xx is permanent; 4xx, network, TLS and authentication problems are transient (a wrong
/// password is an operator's mistake to fix, not a reason to drop every mail). The server's replies are
/// read from libcurl's verbose stream (only incoming lines: the outgoing `AUTH` line with the encoded
/// password is never looked at), so the error carries the server's own words.
public struct SMTPTransport: MailTransport {
    /// The server.
    public let endpoint: SMTPEndpoint
    /// A PEM file of CA certificates to trust instead of the system's (test servers).
    public let caFile: String?
    /// Seconds for the TCP + TLS connection.
    public let connectTimeout: Double
    /// Seconds for the whole exchange.
    public let timeout: Double

    private static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// Creates the transport.
    public init(endpoint: SMTPEndpoint, caFile: String? = nil, connectTimeout: Double = 10, timeout: Double = 60) {
        self.endpoint = endpoint
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    public func deliver(
        message: [UInt8], sender: String, recipient: String, name: String
    ) throws(MailError)
        -> String
    {
        guard MailAddress.isValid(sender) else { throw .permanent(reply: "invalid sender address") }
        guard MailAddress.isValid(recipient) else { throw .permanent(reply: "invalid recipient address") }
        guard Self.initialised, let handle = curl_easy_init() else { throw .transient(reply: "libcurl unavailable") }
        defer { curl_easy_cleanup(handle) }
        var recipients: UnsafeMutablePointer<curl_slist>?
        recipients = curl_slist_append(recipients, "<\(recipient)>")
        defer { curl_slist_free_all(recipients) }

        let exchange = Exchange(message: message)
        let context = Unmanaged.passRetained(exchange)
        defer { context.release() }

        var ok = true
        func set(_ option: CURLoption, _ text: String) {
            ok = ok && text.withCString { codezero_curl_setopt_pointer(handle, option, $0) } == CURLE_OK
        }
        func set(_ option: CURLoption, _ value: Int) {
            ok = ok && codezero_curl_setopt_long(handle, option, value) == CURLE_OK
        }
        set(CURLOPT_URL, endpoint.connectionURL)
        set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000))
        set(CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
        switch endpoint.security {
        case .startTLS, .implicitTLS: set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        case .none: set(CURLOPT_USE_SSL, Int(CURLUSESSL_NONE.rawValue))
        }
        if let caFile { set(CURLOPT_CAINFO, caFile) }
        if let user = endpoint.user { set(CURLOPT_USERNAME, user) }
        if let password = endpoint.password { set(CURLOPT_PASSWORD, password) }
        set(CURLOPT_MAIL_FROM, "<\(sender)>")
        ok = ok && codezero_curl_setopt_pointer(handle, CURLOPT_MAIL_RCPT, recipients) == CURLE_OK
        set(CURLOPT_UPLOAD, 1)
        set(CURLOPT_INFILESIZE_LARGE, message.count)
        ok = ok && codezero_curl_setopt_callback(handle, CURLOPT_READFUNCTION, Exchange.read) == CURLE_OK
        ok = ok && codezero_curl_setopt_pointer(handle, CURLOPT_READDATA, context.toOpaque()) == CURLE_OK
        ok = ok && codezero_curl_setopt_debug(handle, Exchange.debug) == CURLE_OK
        ok = ok && codezero_curl_setopt_pointer(handle, CURLOPT_DEBUGDATA, context.toOpaque()) == CURLE_OK
        set(CURLOPT_VERBOSE, 1)
        guard ok else { throw .transient(reply: "libcurl rejected an option") }

        let code = curl_easy_perform(handle)
        var replyCode = 0
        _ = codezero_curl_response_code(handle, &replyCode)
        if code == CURLE_OK { return exchange.lastReply ?? "250" }
        let reply = exchange.errorReply ?? exchange.lastReply ?? (replyCode > 0 ? "\(replyCode)" : "")
        let reason = String(cString: curl_easy_strerror(code))
        let text = reply.isEmpty ? reason : "\(reply) (\(reason))"
        let permanent =
            (500...599).contains(replyCode) && code != CURLE_LOGIN_DENIED && code != CURLE_USE_SSL_FAILED
        if permanent { throw .permanent(reply: String(text.prefix(900))) }
        throw .transient(reply: String(text.prefix(900)))
    }

    /// The upload cursor and the server's last reply line, shared with libcurl's callbacks.
    private final class Exchange {
        let message: [UInt8]
        var offset = 0
        var lastReply: String?
        /// The last 4xx or 5xx line (a failed exchange ends with `221 Bye`, which says nothing).
        var errorReply: String?

        init(message: [UInt8]) {
            self.message = message
        }

        static let read: codezero_curl_data_callback = { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let exchange = Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue()
            let room = size * count
            let length = min(room, exchange.message.count - exchange.offset)
            guard length > 0 else { return 0 }
            exchange.message.withUnsafeBufferPointer { source in
                UnsafeMutableRawPointer(buffer).copyMemory(
                    from: source.baseAddress! + exchange.offset, byteCount: length)
            }
            exchange.offset += length
            return length
        }

        static let debug: codezero_curl_debug_callback = { _, type, data, size, context in
            guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
            let exchange = Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue()
            let bytes = UnsafeRawBufferPointer(start: data, count: size)
            var line = String(decoding: bytes, as: UTF8.self)
            while line.hasSuffix("\n") || line.hasSuffix("\r") { line.removeLast() }
            // Keep printable ASCII only: the reply ends up in the database, a log and /metrics.
            line = String(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.map(Character.init))
            if !line.isEmpty { exchange.lastReply = String(line.prefix(500)) }
            if line.hasPrefix("4") || line.hasPrefix("5") { exchange.errorReply = String(line.prefix(500)) }
            return 0
        }
    }
}
