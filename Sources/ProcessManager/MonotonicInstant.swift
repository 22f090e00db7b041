#if canImport(Glibc)
    import Glibc
#endif

/// A point on the monotonic clock, in nanoseconds. The pool's state machine only ever sees these values,
/// so tests drive it with a fake clock.
public struct MonotonicInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Nanoseconds since an arbitrary origin.
    public var nanoseconds: Int64

    /// Creates an instant from nanoseconds since the clock's origin.
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The current monotonic time.
    public static func now() -> MonotonicInstant {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return MonotonicInstant(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
    }

    /// This instant moved by `seconds` (may be fractional or negative).
    public func advanced(bySeconds seconds: Double) -> MonotonicInstant {
        MonotonicInstant(nanoseconds: nanoseconds + Int64(seconds * 1_000_000_000))
    }

    /// Seconds from `other` to this instant.
    public func seconds(since other: MonotonicInstant) -> Double {
        Double(nanoseconds - other.nanoseconds) / 1_000_000_000
    }

    public static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    public var description: String { "\(Double(nanoseconds) / 1_000_000_000)s" }
}
