import COpenSSL
import Signing
import Testing

/// HMAC is built from two digests (issue #16): it must agree with OpenSSL's own HMAC for every key and message length
/// around the 64-byte block, both hashes.
@Suite struct HMACOpenSSLTests {
    static let keyLengths = [0, 1, 20, 32, 63, 64, 65, 100, 131, 200]
    static let messageLengths = [0, 1, 55, 56, 63, 64, 65, 119, 120, 420, 1000]

    /// Deterministic bytes (a linear congruential sequence): different for every length and seed.
    static func bytes(_ count: Int, seed: UInt32) -> [UInt8] {
        var state = seed &* 2_654_435_761 &+ UInt32(count)
        return (0..<count).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    static func openSSL(_ digest: OpaquePointer?, size: Int, key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        var length: UInt32 = 0
        let keyBytes = key.isEmpty ? [0] : key
        let messageBytes = message.isEmpty ? [0] : message
        _ = keyBytes.withUnsafeBytes { keyBuffer in
            messageBytes.withUnsafeBufferPointer { messageBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    COpenSSL.HMAC(
                        digest, keyBuffer.baseAddress, Int32(key.count), messageBuffer.baseAddress, message.count,
                        outputBuffer.baseAddress, &length)
                }
            }
        }
        #expect(Int(length) == size)
        return output
    }

    @Test(arguments: keyLengths)
    func agreesWithOpenSSLsHMAC(keyLength: Int) {
        for messageLength in Self.messageLengths {
            let key = Self.bytes(keyLength, seed: 1)
            let message = Self.bytes(messageLength, seed: 2)
            #expect(
                HMAC.sha256(key: key, message: message)
                    == Self.openSSL(EVP_sha256(), size: 32, key: key, message: message),
                "SHA-256, key \(keyLength) bytes, message \(messageLength) bytes")
            #expect(
                HMAC.sha1(key: key, message: message)
                    == Self.openSSL(EVP_sha1(), size: 20, key: key, message: message),
                "SHA-1, key \(keyLength) bytes, message \(messageLength) bytes")
        }
    }
}
