/// Where the lifecycle's jitter comes from: a value in 0...1 per decision. Random in production,
/// fixed in tests so that the lifecycle stays a pure function.
public struct JobJitter: Sendable {
    let unit: @Sendable () -> Double

    /// Jitter from a custom source of values in 0...1 (clamped).
    public init(_ unit: @escaping @Sendable () -> Double) {
        self.unit = unit
    }

    /// A uniformly random value per decision.
    public static let random = JobJitter { Double.random(in: 0...1) }

    /// No jitter: delays are exactly the backoff.
    public static let none = JobJitter { 0 }

    /// Always the same value (for tests).
    public static func fixed(_ unit: Double) -> JobJitter { JobJitter { unit } }

    /// The next value, clamped to 0...1.
    func next() -> Double { min(max(unit(), 0), 1) }
}
