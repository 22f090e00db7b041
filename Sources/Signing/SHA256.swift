internal import COpenSSL

/// The SHA-256 hash function (FIPS 180-4).
public enum SHA256 {
    /// The 32-byte digest of `data`.
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let input = data.isEmpty ? [0] : data
        let result = input.withUnsafeBytes { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                EVP_Digest(inputBuffer.baseAddress, data.count, outputBuffer.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        precondition(result == 1 && length == 32, "SHA-256 failed in OpenSSL")
        return output
    }

    /// The digest of the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> [UInt8] {
        hash(Array(text.utf8))
    }
}
