internal import Glibc
import Signing

/// Stripe's webhook signature scheme: HMAC-SHA256 over `"{t}.{raw body}"`, sent as
/// `Stripe-Signature: t=…,v1=…[,v1=…]`.
///
/// Verification follows the official libraries, with a two-sided tolerance: every `v1` value is collected
/// (one per active secret while a secret is being rolled), any match under any configured secret is
/// accepted, other schemes (`v0`, unknown keys) are ignored, and the timestamp must lie within
/// ``tolerance`` seconds of now in **both** directions. The secret is used as given (`whsec_…` included,
/// not base64-decoded). Compare the raw body exactly as received: re-serialised JSON will not verify.
public struct WebhookSignature: Sendable {
    /// Stripe's default tolerance: 300 s.
    public static let defaultTolerance: Int64 = 300

    /// The endpoint secrets accepted, newest first (several during a rotation).
    public let secrets: [String]
    /// The largest accepted |now − t| in seconds.
    public let tolerance: Int64

    /// A verifier for `secrets`; empty secrets are dropped.
    ///
    /// - Throws: ``StripeError/invalidConfiguration(_:)`` when no non-empty secret remains or the
    ///   tolerance is negative.
    public init(secrets: [String], tolerance: Int64 = defaultTolerance) throws(StripeError) {
        let usable = secrets.filter { !$0.isEmpty }
        guard !usable.isEmpty else { throw .invalidConfiguration("STRIPE_WEBHOOK_SECRET: no secret configured") }
        guard tolerance >= 0 else { throw .invalidConfiguration("webhook tolerance must not be negative") }
        self.secrets = usable
        self.tolerance = tolerance
    }

    /// The secrets of a comma-separated `STRIPE_WEBHOOK_SECRET` value, trimmed of spaces, empty ones dropped.
    public static func secrets(fromList list: String) -> [String] {
        list.split(separator: ",").map { String($0.filter { $0 != " " && $0 != "\t" }) }.filter { !$0.isEmpty }
    }

    /// The current wall-clock time in Unix seconds.
    public static func currentTime() -> Int64 {
        Int64(time(nil))
    }

    /// Checks `header` (the `Stripe-Signature` value) against the exact `payload` bytes at time `now`.
    ///
    /// - Returns: the signed timestamp `t`.
    /// - Throws: ``StripeError/missingSignature``, ``StripeError/malformedSignatureHeader``,
    ///   ``StripeError/noV1Signature``, ``StripeError/signatureMismatch`` or
    ///   ``StripeError/timestampOutsideTolerance(skew:)``, in that order of checking.
    @discardableResult
    public func verify(payload: [UInt8], header: String?, now: Int64 = currentTime()) throws(StripeError) -> Int64 {
        guard let header, !header.isEmpty else { throw .missingSignature }
        let parsed = SignatureHeader(parsing: header)
        guard let timestamp = parsed.timestamp else { throw .malformedSignatureHeader }
        guard !parsed.v1.isEmpty else { throw .noV1Signature }
        let candidates = parsed.v1.compactMap(Self.decodeSignature)
        let signedPayload = Self.signedPayload(payload, timestamp: timestamp)
        var matched = false
        for secret in secrets {
            let expected = HMAC.sha256(key: Array(secret.utf8), message: signedPayload)
            // Not short-circuited: the work done does not depend on which candidate matched.
            for candidate in candidates where constantTimeEquals(expected, candidate) { matched = true }
        }
        guard matched else { throw .signatureMismatch }
        let skew = now &- timestamp
        guard skew <= tolerance, skew >= -tolerance else { throw .timestampOutsideTolerance(skew: skew) }
        return timestamp
    }

    /// The lowercase hex `v1` signature of `payload` at `timestamp` under `secret`.
    public static func signature(payload: [UInt8], secret: String, timestamp: Int64) -> String {
        Hex.encode(HMAC.sha256(key: Array(secret.utf8), message: signedPayload(payload, timestamp: timestamp)))
    }

    /// A complete `Stripe-Signature` header value, `t=…` then one `v1=…` per secret, exactly as Stripe
    /// sends it (no spaces). For the dev trigger command and tests.
    public static func sign(payload: [UInt8], secrets: [String], timestamp: Int64) -> String {
        (["t=\(timestamp)"] + secrets.map { "v1=" + signature(payload: payload, secret: $0, timestamp: timestamp) })
            .joined(separator: ",")
    }

    /// `sign(payload:secrets:timestamp:)` with one secret.
    public static func sign(payload: [UInt8], secret: String, timestamp: Int64) -> String {
        sign(payload: payload, secrets: [secret], timestamp: timestamp)
    }

    static func signedPayload(_ payload: [UInt8], timestamp: Int64) -> [UInt8] {
        var message = Array("\(timestamp).".utf8)
        message.append(contentsOf: payload)
        return message
    }

    /// The 32 bytes of a candidate: exactly 64 lowercase hex digits (the libraries compare strings
    /// case-sensitively, so uppercase never matches), else `nil`.
    static func decodeSignature(_ text: Substring) -> [UInt8]? {
        guard text.utf8.count == 64,
            text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        return Hex.decode(String(text))
    }
}
