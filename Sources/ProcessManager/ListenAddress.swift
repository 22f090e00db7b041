#if canImport(Glibc)
    import Glibc
#endif

/// A TCP address for the pool (`CODEZERO_LISTEN=host:port`, `[v6]:port` for IPv6): numeric host only, so what
/// is bound is exactly what was configured.
///
/// FastCGI has no authentication and the pool trusts nginx's parameters (`REMOTE_ADDR` decides the loopback-only
/// pages), so only private addresses are accepted by default: loopback, RFC 1918, shared (100.64/10), link-local
/// and IPv6 unique-local/link-local. Anything else needs `CODEZERO_LISTEN_FORCE=1`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// The numeric host, without brackets.
    public let host: String
    /// The port, 1…65535.
    public let port: UInt16
    /// Whether the host is IPv6.
    public let isIPv6: Bool
    /// The host's address bytes (4 or 16).
    let bytes: [UInt8]

    /// Parses `host:port` / `[v6]:port`; nil when malformed (names are refused: resolve them outside).
    public init?(_ text: String) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                return nil
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !portText.isEmpty, portText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), portText.count <= 5,
            let port = Int(portText), (1...65_535).contains(port)
        else { return nil }
        let ipv6 = host.contains(":")
        var buffer = [UInt8](repeating: 0, count: 16)
        let parsed = buffer.withUnsafeMutableBytes { raw in
            inet_pton(ipv6 ? AF_INET6 : AF_INET, String(host), raw.baseAddress)
        }
        guard parsed == 1 else { return nil }
        self.host = String(host)
        self.port = UInt16(port)
        self.isIPv6 = ipv6
        self.bytes = Array(buffer.prefix(ipv6 ? 16 : 4))
    }

    /// Whether the address is loopback or private (see the type's documentation); the wildcard is not.
    public var isPrivate: Bool {
        if isIPv6 {
            let loopback = bytes.dropLast().allSatisfy { $0 == 0 } && bytes[15] == 1
            return loopback || bytes[0] & 0xFE == 0xFC || (bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80)
        }
        switch (bytes[0], bytes[1]) {
        case (127, _), (10, _), (192, 168), (169, 254): return true
        case (172, let second): return (16...31).contains(second)
        case (100, let second): return (64...127).contains(second)
        default: return false
        }
    }

    /// `host:port`, brackets around an IPv6 host.
    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
