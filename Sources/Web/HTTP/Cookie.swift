/// A cookie sent by the client in a `Cookie` header (RFC 6265 §5.4).
public struct Cookie: Sendable, Equatable {
    /// The cookie name.
    public var name: String
    /// The cookie value as sent (surrounding double quotes removed; no percent-decoding).
    public var value: String

    /// A cookie with `name` and `value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Parses a `Cookie` header value such as `a=1; b="2"; c=`.
    ///
    /// Pairs are separated by `;`; whitespace before a name and around a value is ignored. A pair without
    /// `=`, with an empty name or with a name that is not an RFC 9110 token — `cz_consent =v` included, which
    /// browsers never send — is skipped: the name must match exactly what nginx's cookie maps match
    /// (`(^|;)\s*name=`), or a request the cache treats as anonymous could render as someone's. Order is kept,
    /// so for a name sent twice the first one is the more specific (browsers send longer paths first).
    public static func parse(header: String) -> [Cookie] {
        var cookies: [Cookie] = []
        for pair in header.split(separator: ";", omittingEmptySubsequences: true) {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            var name = pair[..<equals]
            while let first = name.first, first == " " || first == "\t" { name.removeFirst() }
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else { continue }
            var value = ASCII.trimmingWhitespace(pair[pair.index(after: equals)...])
            if value.count >= 2, value.first == "\"", value.last == "\"" {
                value = value.dropFirst().dropLast()
            }
            cookies.append(Cookie(name: String(name), value: String(value)))
        }
        return cookies
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
