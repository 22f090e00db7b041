import CivilTime

/// A calendar day in UTC, counted in days since 1970-01-01. Usage is aggregated per day; a billing period covers
/// the usage days from its start day up to, not including, its end day.
public struct UsageDay: Sendable, Hashable, Comparable, Strideable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let daysSinceEpoch: Int

    /// The day `daysSinceEpoch` days after 1970-01-01.
    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The UTC day of a moment given in seconds since 1970.
    public init(secondsSinceEpoch: Int) {
        daysSinceEpoch = Int(CivilCalendar.dayNumber(ofSeconds: Int64(secondsSinceEpoch)))
    }

    /// The day of a civil date (proleptic Gregorian calendar); `month` 1...12, `day` 1...31.
    public init(year: Int, month: Int, day: Int) {
        daysSinceEpoch = Int(CivilCalendar.dayNumber(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// The civil date of this day.
    public var civil: (year: Int, month: Int, day: Int) {
        let date = CivilCalendar.date(ofDayNumber: Int64(daysSinceEpoch))
        return (Int(date.year), Int(date.month), Int(date.day))
    }

    /// Midnight UTC at the start of this day, in seconds since 1970.
    public var startSeconds: Int { daysSinceEpoch * 86_400 }

    /// The first day of this day's calendar month.
    public var firstOfMonth: UsageDay {
        let date = civil
        return UsageDay(year: date.year, month: date.month, day: 1)
    }

    /// The first day of the next calendar month.
    public var firstOfNextMonth: UsageDay {
        let date = civil
        return date.month == 12
            ? UsageDay(year: date.year + 1, month: 1, day: 1) : UsageDay(year: date.year, month: date.month + 1, day: 1)
    }

    /// Whether `lhs` is the earlier day.
    public static func < (lhs: UsageDay, rhs: UsageDay) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// The number of days from this day to `other`.
    public func distance(to other: UsageDay) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// The day `n` days later.
    public func advanced(by n: Int) -> UsageDay { UsageDay(daysSinceEpoch: daysSinceEpoch + n) }

    /// ISO 8601, e.g. `2026-12-06`.
    public var description: String {
        CivilFormat.isoDate(dayNumber: Int64(daysSinceEpoch))
    }
}
