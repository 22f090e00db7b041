/// An `Idempotency-Key` header value derived from one of our own rows, e.g. `order_0001-checkout-v1`.
///
/// Deriving it (instead of a random UUID) means a retry after a crash sends the same key, so Stripe
/// replays the first result instead of creating a second session. Store the attempt number with the row
/// and raise it only when a new session is really wanted.
public struct IdempotencyKey: Sendable, Hashable, CustomStringConvertible {
    /// The header value (1–255 visible ASCII characters).
    public let value: String

    /// `"{rowID}-{operation}-v{attempt}"`.
    ///
    /// - Throws: ``StripeError/invalidConfiguration(_:)`` when the result would be empty, longer than 255
    ///   characters or contain characters outside visible ASCII.
    public init(rowID: String, operation: String, attempt: Int = 1) throws(StripeError) {
        try self.init("\(rowID)-\(operation)-v\(attempt)")
    }

    /// A key given verbatim, validated as above.
    public init(_ value: String) throws(StripeError) {
        guard !value.isEmpty, value.utf8.count <= 255, value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .invalidConfiguration("Idempotency-Key must be 1-255 visible ASCII characters")
        }
        self.value = value
    }

    /// The header value.
    public var description: String { value }
}
