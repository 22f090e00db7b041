/// # Signing
///
/// Cryptographic primitives over OpenSSL: HMAC-SHA256, SHA-256, constant-time comparison,
/// random tokens and scrypt password hashing.
enum SigningModule {}
