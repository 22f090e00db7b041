internal import COpenSSL

/// Bytes and tokens from OpenSSL's CSPRNG (`RAND_bytes`).
public enum SecureRandom {
    /// `count` random bytes. Traps if the CSPRNG fails: continuing without randomness would be worse.
    public static func bytes(count: Int) -> [UInt8] {
        precondition(count >= 0, "count must not be negative")
        guard count > 0 else { return [] }
        var output = [UInt8](repeating: 0, count: count)
        let result = output.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        guard result == 1 else { fatalError("RAND_bytes failed: the CSPRNG is unavailable") }
        return output
    }

    /// A token of `bytes` random bytes, base64url-encoded without padding (URL-, header- and
    /// cookie-safe). 32 bytes give 256 bits and 43 characters.
    public static func token(bytes: Int = 32) -> String {
        Base64.encode(self.bytes(count: bytes), alphabet: .url, padding: false)
    }
}
