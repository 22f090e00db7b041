/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 30-second steps, 6 digits —
/// what authenticator apps use by default. Pure: the caller passes the time.
public enum TOTP {
    /// Seconds per step.
    public static let period: Int64 = 30
    /// Digits per code.
    public static let digits = 6

    /// The step (RFC 6238's `T`) that `unixTime` falls in.
    public static func step(at unixTime: Int64) -> Int64 {
        unixTime >= 0 ? unixTime / period : (unixTime - period + 1) / period
    }

    /// The HOTP value for `counter` under `secret`, as `digits` decimal digits (leading zeros kept).
    public static func code(secret: [UInt8], counter: Int64, digits: Int = digits) -> String {
        var message = [UInt8](repeating: 0, count: 8)
        var value = UInt64(bitPattern: counter)
        for index in (0..<8).reversed() {
            message[index] = UInt8(value & 0xFF)
            value >>= 8
        }
        let mac = HMAC.sha1(key: secret, message: message)
        let offset = Int(mac[19] & 0x0F)
        let truncated =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let number = String(truncated % modulus)
        return String(repeating: "0", count: max(0, digits - number.count)) + number
    }

    /// The step within ±`window` steps of `unixTime` whose code is `code`, or nil. Compares in constant time
    /// per candidate. The caller refuses a step at or below the last one accepted (replay).
    public static func matchingStep(secret: [UInt8], code: String, at unixTime: Int64, window: Int64 = 1) -> Int64? {
        let trimmed = Array(code.utf8.filter { $0 != UInt8(ascii: " ") })
        guard trimmed.count == digits, trimmed.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let current = step(at: unixTime)
        var found: Int64?
        for candidate in (current - window)...(current + window) {
            let expected = Array(TOTP.code(secret: secret, counter: candidate).utf8)
            if constantTimeEquals(expected, trimmed), found == nil { found = candidate }
        }
        return found
    }

    /// The `otpauth://` URI an authenticator app reads from the QR code.
    public static func provisioningURI(secret: [UInt8], account: String, issuer: String) -> String {
        let label = percentEncode(issuer) + ":" + percentEncode(account)
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(percentEncode(issuer))"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    static func percentEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            let unreserved =
                (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "@")
            if unreserved {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output +=
                    "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
            }
        }
        return output
    }
}
