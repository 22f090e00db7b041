/// Text helpers used by parsing; they keep `Domain` free of Foundation.
extension StringProtocol {
    /// The string with `a`–`z` mapped to `A`–`Z`; every other character unchanged.
    var uppercasedASCII: String {
        // Codes usually arrive upper-cased already: then no scalar-by-scalar copy.
        if !utf8.contains(where: { $0 &- UInt8(ascii: "a") < 26 }) { return String(self) }
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
}

extension UInt8 {
    /// Whether this byte is `A`–`Z`.
    var isASCIIUppercaseLetter: Bool { (0x41...0x5A).contains(self) }
    /// Whether this byte is `0`–`9`.
    var isASCIIDigit: Bool { (0x30...0x39).contains(self) }
}
