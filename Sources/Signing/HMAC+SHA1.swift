internal import COpenSSL

extension HMAC {
    /// HMAC-SHA1 of `message` under `key`: 20 bytes. Only for protocols that fix SHA-1, such as TOTP
    /// (RFC 6238's default, which authenticator apps implement); HMAC-SHA1 is still a sound MAC.
    public static func sha1(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 20)
        var length: UInt32 = 0
        let keyBytes = key.isEmpty ? [0] : key
        let messageBytes = message.isEmpty ? [0] : message
        let result = keyBytes.withUnsafeBytes { keyBuffer in
            messageBytes.withUnsafeBufferPointer { messageBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    COpenSSL.HMAC(
                        EVP_sha1(), keyBuffer.baseAddress, Int32(key.count), messageBuffer.baseAddress,
                        message.count, outputBuffer.baseAddress, &length)
                }
            }
        }
        precondition(result != nil && length == 20, "HMAC-SHA1 failed in OpenSSL")
        return output
    }
}
