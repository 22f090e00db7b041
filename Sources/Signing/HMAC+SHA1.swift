internal import COpenSSL

extension HMAC {
    /// HMAC-SHA1 of `message` under `key`: 20 bytes. Only for protocols that fix SHA-1, such as TOTP
    /// (RFC 6238's default, which authenticator apps implement); HMAC-SHA1 is still a sound MAC.
    public static func sha1(key: [UInt8], message: [UInt8]) -> [UInt8] {
        digest(.sha1, key: key, message: message)
    }
}
