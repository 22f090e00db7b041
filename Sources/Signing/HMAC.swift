internal import COpenSSL

/// Keyed-hash message authentication (RFC 2104).
public enum HMAC {
    /// HMAC-SHA256 of `message` under `key`: 32 bytes. Keys longer than 64 bytes are hashed first, as the
    /// RFC requires; an empty key is allowed.
    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        // Through SHA-256's low-level interface: each pad and what follows it are hashed one after the other, not
        // joined into a new array first (issue #16: a session's CSRF token cost 17,000 instructions through two EVP
        // digests).
        let pads = Self.pads(key, hashedWith: SHA256.hash)
        let inner = pads.inner.withUnsafeBytes { pad in message.withUnsafeBytes { SHA256.hash(pad, $0) } }
        return pads.outer.withUnsafeBytes { pad in inner.withUnsafeBytes { SHA256.hash(pad, $0) } }
    }

    /// HMAC-SHA256 of the UTF-8 bytes of `message` under the UTF-8 bytes of `key`.
    public static func sha256(key: String, message: String) -> [UInt8] {
        sha256(key: Array(key.utf8), message: Array(message.utf8))
    }

    /// RFC 2104's HMAC over `hash` (HMAC-SHA1's): H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ message)). Two digests of an
    /// algorithm fetched once: OpenSSL's one-shot `HMAC()` fetched the MAC and the digest again on every call (issue
    /// #16).
    static func digest(_ hash: FetchedDigest, key: [UInt8], message: [UInt8]) -> [UInt8] {
        let pads = Self.pads(key, hashedWith: hash.digest)
        return hash.digest(pads.outer + hash.digest(pads.inner + message))
    }

    /// RFC 2104's K ⊕ ipad and K ⊕ opad: K the key, hashed first when longer than the hash's 64-byte block, padded
    /// with zeros to it.
    private static func pads(
        _ key: [UInt8], hashedWith hash: ([UInt8]) -> [UInt8]
    ) -> (inner: [UInt8], outer: [UInt8]) {
        let blockSize = 64
        var block = key.count > blockSize ? hash(key) : key
        block.append(contentsOf: repeatElement(0, count: blockSize - block.count))
        return (block.map { $0 ^ 0x36 }, block.map { $0 ^ 0x5C })
    }
}

/// A digest algorithm fetched from OpenSSL's default provider once per process. Immutable after that, and OpenSSL's
/// fetched `EVP_MD` may be used from any number of threads at once.
final class FetchedDigest: @unchecked Sendable {
    /// SHA-1 (20 bytes; for HMAC-SHA1 only, see ``HMAC/sha1(key:message:)``).
    static let sha1 = FetchedDigest(name: "SHA1", size: 20)

    private let algorithm: OpaquePointer
    /// The digest's length in bytes.
    let size: Int

    private init(name: String, size: Int) {
        // Only fails when OpenSSL's default provider is missing: nothing works then.
        guard let algorithm = EVP_MD_fetch(nil, name, nil) else { preconditionFailure("OpenSSL has no \(name)") }
        self.algorithm = algorithm
        self.size = size
    }

    /// The digest of `data`.
    func digest(_ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        var length: UInt32 = 0
        // OpenSSL wants a non-null pointer even for empty input.
        let input = data.isEmpty ? [0] : data
        let result = input.withUnsafeBytes { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                EVP_Digest(inputBuffer.baseAddress, data.count, outputBuffer.baseAddress, &length, algorithm, nil)
            }
        }
        precondition(result == 1 && Int(length) == size, "digest failed in OpenSSL")
        return output
    }
}
