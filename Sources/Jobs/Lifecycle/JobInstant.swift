/// A point in time on the database's clock, in microseconds since the Unix epoch (PostgreSQL's
/// `timestamptz` resolution). The lifecycle only ever sees these values, so tests drive it with a fake clock.
public struct JobInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Microseconds since 1970-01-01 00:00:00 UTC.
    public var microsecondsSinceEpoch: Int64

    /// Creates an instant from microseconds since the Unix epoch.
    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// This instant moved by `duration` (rounded down to whole microseconds).
    public func advanced(by duration: Duration) -> JobInstant {
        JobInstant(microsecondsSinceEpoch: microsecondsSinceEpoch + duration.jobMicroseconds)
    }

    /// The duration from this instant to `other` (negative when `other` is earlier).
    public func duration(to other: JobInstant) -> Duration {
        .microseconds(other.microsecondsSinceEpoch - microsecondsSinceEpoch)
    }

    /// Orders instants by time.
    public static func < (lhs: JobInstant, rhs: JobInstant) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    /// Microseconds since the epoch, e.g. `1767225600000000µs`.
    public var description: String { "\(microsecondsSinceEpoch)µs" }
}

extension Duration {
    /// Whole microseconds, saturating at Int64's range.
    var jobMicroseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled + attoseconds / 1_000_000_000_000
    }

    /// Seconds as a floating-point number, for logs and metrics.
    var jobSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
