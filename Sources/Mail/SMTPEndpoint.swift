/// Where and how to deliver: parsed from `CODEZERO_SMTP_URL`.
///
/// `smtp://user:pass@host:587` (STARTTLS required), `smtps://user:pass@host:465` (implicit TLS), or
/// `smtp://127.0.0.1:N?tls=none` (no TLS, only for a loopback host). User and password may be
/// percent-encoded. ``description`` never shows the password.
public struct SMTPEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// How the connection is protected.
    public enum Security: String, Sendable {
        /// Plain connection upgraded with STARTTLS, which the server must offer.
        case startTLS = "starttls"
        /// TLS from the first byte (`smtps://`).
        case implicitTLS = "tls"
        /// No TLS (loopback test servers only).
        case none
    }

    /// Host name or address.
    public var host: String
    /// TCP port.
    public var port: Int
    /// How the connection is protected.
    public var security: Security
    /// AUTH user name, if any.
    public var user: String?
    /// AUTH password, if any. Never logged.
    public var password: String?

    /// Parses `url`; throws ``MailError/invalidEndpoint(_:)`` with a message that never contains the password.
    public init(url: String) throws(MailError) {
        var rest = Substring(url)
        let secure: Bool
        if rest.hasPrefix("smtps://") {
            secure = true
            rest = rest.dropFirst("smtps://".count)
        } else if rest.hasPrefix("smtp://") {
            secure = false
            rest = rest.dropFirst("smtp://".count)
        } else {
            throw .invalidEndpoint("must start with smtp:// or smtps://")
        }
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = Self.percentDecoded(credentials[..<colon])
                password = Self.percentDecoded(credentials[credentials.index(after: colon)...])
            } else {
                user = Self.percentDecoded(credentials)
            }
            if user?.isEmpty == true { user = nil }
        }
        guard let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") else {
            host = String(rest)
            port = secure ? 465 : 587
            security = secure ? .implicitTLS : .startTLS
            try check(query: query)
            return
        }
        host = String(rest[..<colon])
        guard let number = Int(rest[rest.index(after: colon)...]), (1...65535).contains(number) else {
            throw .invalidEndpoint("the port must be 1-65535")
        }
        port = number
        security = secure ? .implicitTLS : .startTLS
        try check(query: query)
    }

    private mutating func check(query: Substring) throws(MailError) {
        let hostCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-".utf8)
        guard !host.isEmpty, host.utf8.allSatisfy(hostCharacters.contains) else {
            throw .invalidEndpoint("the host must be a name or an IPv4 address")
        }
        for pair in query.split(separator: "&") where !pair.isEmpty {
            guard pair == "tls=none" else { throw .invalidEndpoint("the only query parameter is tls=none") }
            guard security == .startTLS else { throw .invalidEndpoint("tls=none is for smtp:// only") }
            guard host == "127.0.0.1" || host == "localhost" || host == "::1" else {
                throw .invalidEndpoint("tls=none is only allowed for a loopback host")
            }
            security = .none
        }
        if (user == nil) != (password == nil) { throw .invalidEndpoint("give both user and password, or neither") }
        if password != nil && security == .none {
            throw .invalidEndpoint("AUTH without TLS is refused (the password would travel in clear)")
        }
    }

    /// The URL libcurl connects to (no credentials: they are passed separately).
    public var connectionURL: String {
        "\(security == .implicitTLS ? "smtps" : "smtp")://\(host):\(port)"
    }

    public var description: String {
        let credentials = user.map { "\($0):****@" } ?? ""
        return "\(security == .implicitTLS ? "smtps" : "smtp")://\(credentials)\(host):\(port)"
            + (security == .none ? "?tls=none" : "")
    }

    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
