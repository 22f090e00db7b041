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
    ///
    /// The header is read as bytes (every delimiter is ASCII, so no slice splits a character): a `Character`-wise
    /// split and trim cost ~20,000 instructions per header and a portal page read its cookies three times (issue
    /// #16).
    public static func parse(header: String) -> [Cookie] {
        var cookies: [Cookie] = []
        forEachPair(in: header) { name, value in
            cookies.append(
                Cookie(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
            return false
        }
        return cookies
    }

    /// The value of the first cookie named `name` in `header`, exactly as `parse(header:)` would give it, without
    /// building the others.
    public static func value(named name: String, in header: String) -> String? {
        var found: String?
        var wanted = name
        wanted.withUTF8 { wantedBytes in
            forEachPair(in: header) { pairName, value in
                guard pairName.elementsEqual(wantedBytes) else { return false }
                found = String(decoding: value, as: UTF8.self)
                return true
            }
        }
        return found
    }

    /// Calls `body` with the name and value bytes of each valid pair in order until it returns true.
    private static func forEachPair(
        in header: String, _ body: (Slice<UnsafeBufferPointer<UInt8>>, Slice<UnsafeBufferPointer<UInt8>>) -> Bool
    ) {
        var text = header
        text.withUTF8 { bytes in
            let semicolon = UInt8(ascii: ";")
            var pairStart = bytes.startIndex
            while pairStart < bytes.endIndex {
                let pairEnd = bytes[pairStart...].firstIndex(of: semicolon) ?? bytes.endIndex
                defer { pairStart = pairEnd + 1 }
                let pair = bytes[pairStart..<pairEnd]
                guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
                var nameStart = pair.startIndex
                while nameStart < equals, isBlank(bytes[nameStart]) { nameStart += 1 }
                let name = bytes[nameStart..<equals]
                guard !name.isEmpty, name.allSatisfy(isTokenByte) else { continue }
                var valueStart = equals + 1
                var valueEnd = pairEnd
                while valueStart < valueEnd, isBlank(bytes[valueStart]) { valueStart += 1 }
                while valueEnd > valueStart, isBlank(bytes[valueEnd - 1]) { valueEnd -= 1 }
                let quote = UInt8(ascii: "\"")
                if valueEnd - valueStart >= 2, bytes[valueStart] == quote, bytes[valueEnd - 1] == quote {
                    valueStart += 1
                    valueEnd -= 1
                }
                if body(name, bytes[valueStart..<valueEnd]) { return }
            }
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

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
