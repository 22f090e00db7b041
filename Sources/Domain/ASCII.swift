/// Text helpers used by parsing; they keep `Domain` free of Foundation.
extension StringProtocol {
    /// The string with `a`–`z` mapped to `A`–`Z`; every other character unchanged.
    var uppercasedASCII: String {
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar.value >= 0x61, scalar.value <= 0x7A, let upper = Unicode.Scalar(scalar.value - 0x20) {
                scalars.append(upper)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The string without leading and trailing white space (Unicode's White_Space property: spaces, tabs,
    /// newlines, no-break spaces); the one trimmer for typed input.
    public var trimmedWhitespace: String {
        // Typed input rarely has white space at either end: then it is the string itself, without a copy.
        guard let head = unicodeScalars.first, let tail = unicodeScalars.last,
            Self.isWhitespace(head) || Self.isWhitespace(tail)
        else { return isEmpty ? "" : String(self) }
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }

    /// White_Space, answered without the property tables for ASCII (tab to carriage return, space).
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80
            ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}

extension UInt8 {
    /// Whether this byte is `A`–`Z`.
    var isASCIIUppercaseLetter: Bool { (0x41...0x5A).contains(self) }
    /// Whether this byte is `0`–`9`.
    var isASCIIDigit: Bool { (0x30...0x39).contains(self) }
}
