import Web

/// `metadata` as Stripe takes it: a string map, sent sorted by key so that the same request always yields
/// the same bytes (Stripe compares the bodies of retries that share an `Idempotency-Key`).
enum StripeMetadata {
    /// The map as a JSON object sorted by key, or `null` when empty.
    static func json(_ metadata: [String: String]) -> JSON {
        guard !metadata.isEmpty else { return .null }
        return .object(JSONObject(metadata.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) }))
    }
}
