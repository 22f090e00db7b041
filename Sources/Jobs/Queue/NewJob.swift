/// A job to enqueue: what to run, with what input, how often to try, and from when.
public struct NewJob: Hashable, Sendable {
    /// The handler's name, e.g. `stripe.event`: lowercase letters, digits and `_ . : -`, at most 100.
    public var kind: String
    /// The handler's input as JSON text (stored as `jsonb`). Never logged; keep secrets out of it anyway
    /// and pass row ids instead of data where you can.
    public var payload: String
    /// Claims after which a failure makes the job dead (1...1000).
    public var maxAttempts: Int
    /// How long after the enqueueing transaction's start the job becomes due.
    public var delay: Duration
    /// "Enqueue once": when a job with this key exists (in any state), nothing is inserted.
    public var dedupeKey: String?

    /// Creates a job description.
    public init(
        kind: String, payload: String = "{}", maxAttempts: Int = 10, delay: Duration = .zero,
        dedupeKey: String? = nil
    ) {
        self.kind = kind
        self.payload = payload
        self.maxAttempts = maxAttempts
        self.delay = delay
        self.dedupeKey = dedupeKey
    }

    /// Throws ``JobsError/invalidJob(_:)`` naming the first invalid field (the table checks the same).
    public func validate() throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_.:-".utf8)
        let bytes = Array(kind.utf8)
        guard let first = bytes.first, bytes.count <= 100, bytes.allSatisfy(allowed.contains),
            first != UInt8(ascii: "_") && first != UInt8(ascii: ".") && first != UInt8(ascii: ":")
                && first != UInt8(ascii: "-")
        else {
            throw JobsError.invalidJob("kind must be 1-100 of a-z 0-9 _ . : - starting with a letter or digit")
        }
        guard (1...1000).contains(maxAttempts) else { throw JobsError.invalidJob("maxAttempts must be 1...1000") }
        guard delay >= .zero else { throw JobsError.invalidJob("delay must not be negative") }
    }
}
