internal import COpenSSL

/// The scrypt key derivation function (RFC 7914), through OpenSSL's `EVP_PBE_scrypt`.
public enum Scrypt {
    /// Derives `length` bytes from `password` and `salt` with cost `n` (a power of two above 1), block
    /// size `r` and parallelism `p`. Memory use is about `128 · n · r` bytes.
    ///
    /// - Throws: ``SigningError/invalidParameters(_:)`` for parameters outside RFC 7914's limits,
    ///   ``SigningError/openSSL(call:code:)`` when OpenSSL fails (for example, out of memory).
    public static func derive(
        password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64, length: Int
    ) throws(SigningError) -> [UInt8] {
        guard n > 1, n & (n - 1) == 0 else { throw .invalidParameters("N must be a power of two above 1") }
        guard r > 0, p > 0, r.multipliedReportingOverflow(by: p).partialValue < 1 << 30 else {
            throw .invalidParameters("r and p must be positive with r·p below 2^30")
        }
        guard length > 0 else { throw .invalidParameters("the output length must be positive") }
        let (memory, overflow) = memoryBytes(n: n, r: r, p: p)
        guard !overflow else { throw .invalidParameters("N·r is too large") }
        var output = [UInt8](repeating: 0, count: length)
        // OpenSSL requires non-null pointers; lengths stay the real ones.
        let passwordBytes = password.isEmpty ? [0] : password
        let saltBytes = salt.isEmpty ? [0] : salt
        let result = passwordBytes.withUnsafeBytes { passwordBuffer in
            saltBytes.withUnsafeBufferPointer { saltBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    EVP_PBE_scrypt(
                        passwordBuffer.baseAddress?.assumingMemoryBound(to: CChar.self), password.count,
                        saltBuffer.baseAddress, salt.count, n, r, p, memory, outputBuffer.baseAddress, length)
                }
            }
        }
        guard result == 1 else { throw SigningError.openSSLFailure("EVP_PBE_scrypt") }
        return output
    }

    /// The `maxmem` OpenSSL needs: its working memory (`128·r·(N+2)` plus `128·r·p`) and 1 MiB of margin.
    static func memoryBytes(n: UInt64, r: UInt64, p: UInt64) -> (UInt64, overflow: Bool) {
        let (blocks, overflow1) = (n + 2).multipliedReportingOverflow(by: 128 &* r)
        let (total, overflow2) = blocks.addingReportingOverflow(128 &* r &* p + 1 << 20)
        return (total, overflow1 || overflow2)
    }
}
