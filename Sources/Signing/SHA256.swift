internal import COpenSSL

/// The SHA-256 hash function (FIPS 180-4).
public enum SHA256 {
    /// The 32-byte digest of `data`.
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        data.withUnsafeBytes { hash($0, UnsafeRawBufferPointer(start: nil, count: 0)) }
    }

    /// The 32-byte digest of the bytes of `first` followed by those of `second` (without joining them first).
    static func hash(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { output, count in
            let result = cz_sha256_two(
                first.baseAddress, first.count, second.baseAddress, second.count, output.baseAddress)
            precondition(result == 1, "SHA-256 failed in OpenSSL")
            count = 32
        }
    }

    /// The digest of the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0), UnsafeRawBufferPointer(start: nil, count: 0)) }
    }
}
