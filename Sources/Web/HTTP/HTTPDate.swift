import CivilTime

/// A point in time rendered as an RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
///
/// The module has no Foundation dependency, so times are seconds since the Unix epoch (UTC).
/// With Foundation: `HTTPDate(secondsSince1970: Int64(date.timeIntervalSince1970))`.
public struct HTTPDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64

    /// The date `secondsSince1970` seconds after the Unix epoch.
    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    /// Orders dates chronologically.
    public static func < (lhs: HTTPDate, rhs: HTTPDate) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    /// The IMF-fixdate form.
    public var description: String {
        CivilFormat.httpDate(seconds: secondsSince1970)
    }
}
