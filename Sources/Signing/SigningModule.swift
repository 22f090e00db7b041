/// # Signing
///
/// Cryptographic primitives over OpenSSL: HMAC-SHA256, SHA-256, constant-time comparison,
/// random tokens and scrypt password hashing.
///
/// The module is the only place that imports `COpenSSL` (with `internal import`); its API is a handful
/// of caseless enums over `[UInt8]` and `String`: ``HMAC``, ``SHA256``, ``Hex``, ``Base64``,
/// ``SecureRandom``, ``Scrypt``, ``PasswordHash`` and ``constantTimeEquals(_:_:)``. Failures are
/// ``SigningError``s; only a failing CSPRNG traps.
enum SigningModule {}
