/// Percent-encoding (RFC 3986 §2.1) and its `application/x-www-form-urlencoded` variant.
public enum PercentEncoding {
    /// Decodes `%XX` sequences (and `+` as a space when `plusAsSpace`), strictly.
    ///
    /// - Throws: ``WebError/invalidRequest(_:)`` for a `%` not followed by two hex digits, a decoded NUL
    ///   byte, or a result that is not valid UTF-8.
    public static func decode(_ text: some StringProtocol, plusAsSpace: Bool = false) throws(WebError) -> String {
        var text = String(text)
        return try text.withUTF8 { bytes in
            Result { () throws(WebError) -> String in try decode(bytes, plusAsSpace: plusAsSpace) }
        }.get()
    }

    /// ``decode(_:plusAsSpace:)`` of UTF-8 bytes (a `String`'s, or a piece of them: the form parser's).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, plusAsSpace: Bool) throws(WebError) -> String {
        if !bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) {
            if bytes.contains(0) { throw .invalidRequest("NUL byte") }
            return String(decoding: bytes, as: UTF8.self)
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "%"):
                guard index + 1 < bytes.count, let high = ASCII.hexValue(bytes[index]),
                    let low = ASCII.hexValue(bytes[index + 1])
                else { throw .invalidRequest("invalid percent-encoding") }
                decoded.append(high << 4 | low)
                index += 2
            case UInt8(ascii: "+") where plusAsSpace:
                decoded.append(UInt8(ascii: " "))
            default:
                decoded.append(byte)
            }
        }
        if decoded.contains(0) { throw .invalidRequest("NUL byte") }
        guard UTF8Validation.isValid(decoded) else { throw .invalidRequest("percent-encoded bytes are not UTF-8") }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Encodes every byte except RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`); a space
    /// becomes `%20`. Suitable for a path segment or a query component.
    public static func encode(_ text: some StringProtocol) -> String {
        encode(text, spaceAsPlus: false)
    }

    /// Encodes for `application/x-www-form-urlencoded`: like ``encode(_:)`` but a space becomes `+`.
    public static func encodeFormComponent(_ text: some StringProtocol) -> String {
        encode(text, spaceAsPlus: true)
    }

    private static func encode(_ text: some StringProtocol, spaceAsPlus: Bool) -> String {
        let utf8 = text.utf8
        if utf8.allSatisfy(isUnreserved) { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count * 3)
        for byte in utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else if spaceAsPlus && byte == UInt8(ascii: " ") {
                bytes.append(UInt8(ascii: "+"))
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(ASCII.upperHexDigits[Int(byte >> 4)])
                bytes.append(ASCII.upperHexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
