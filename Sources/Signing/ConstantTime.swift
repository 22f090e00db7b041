internal import COpenSSL

/// Whether `lhs` and `rhs` hold the same bytes, in time that depends only on their lengths.
///
/// Use it for every comparison of a secret or a MAC. Different lengths return `false` after a comparison
/// of the same cost as one of `lhs` with itself, so timing reveals the lengths (which are public for MACs
/// and hashes) but nothing about the content.
public func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard !lhs.isEmpty else { return rhs.isEmpty }
    return lhs.withUnsafeBytes { left in
        guard lhs.count == rhs.count else {
            _ = CRYPTO_memcmp(left.baseAddress, left.baseAddress, left.count)
            return false
        }
        return rhs.withUnsafeBytes { right in
            CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
        }
    }
}
