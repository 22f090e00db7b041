internal import COpenSSL

/// Keyed-hash message authentication (RFC 2104).
public enum HMAC {
    /// HMAC-SHA256 of `message` under `key`: 32 bytes. Keys longer than 64 bytes are hashed first, as the
    /// RFC requires; an empty key is allowed.
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        digest(EVP_sha256(), size: 32, key: key, message: message)
    }

    /// HMAC-SHA256 of the UTF-8 bytes of `message` under the UTF-8 bytes of `key`.
    public static func sha256(key: String, message: String) -> [UInt8] {
        sha256(key: Array(key.utf8), message: Array(message.utf8))
    }

    /// HMAC with OpenSSL's `digest`, whose output is `size` bytes (the one place that calls OpenSSL's HMAC).
    static func digest(_ digest: OpaquePointer?, size: Int, key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        var length: UInt32 = 0
        // OpenSSL wants non-null pointers even for empty inputs.
        let keyBytes = key.isEmpty ? [0] : key
        let messageBytes = message.isEmpty ? [0] : message
        let result = keyBytes.withUnsafeBytes { keyBuffer in
            messageBytes.withUnsafeBufferPointer { messageBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    COpenSSL.HMAC(
                        digest, keyBuffer.baseAddress, Int32(key.count), messageBuffer.baseAddress,
                        message.count, outputBuffer.baseAddress, &length)
                }
            }
        }
        // HMAC only fails when the digest cannot be fetched or memory runs out: nothing to recover from.
        precondition(result != nil && Int(length) == size, "HMAC failed in OpenSSL")
        return output
    }
}
