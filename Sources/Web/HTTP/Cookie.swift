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
    /// Pairs are separated by `;`; whitespace around names and values is ignored; a pair without `=` or
    /// with an empty name is skipped. Order is kept, so for a name sent twice the first one is the more
    /// specific (browsers send longer paths first).
    public static func parse(header: String) -> [Cookie] {
        var cookies: [Cookie] = []
        for pair in header.split(separator: ";", omittingEmptySubsequences: true) {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = ASCII.trimmingWhitespace(pair[..<equals])
            guard !name.isEmpty else { continue }
            var value = ASCII.trimmingWhitespace(pair[pair.index(after: equals)...])
            if value.count >= 2, value.first == "\"", value.last == "\"" {
                value = value.dropFirst().dropLast()
            }
            cookies.append(Cookie(name: String(name), value: String(value)))
        }
        return cookies
    }
}
