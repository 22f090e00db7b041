/// A billing period as usage sees it: the usage days from ``start`` up to, not including, ``end`` (UTC).
public struct UsagePeriod: Sendable, Hashable {
    /// The first day of the period.
    public let start: UsageDay
    /// The first day after the period.
    public let end: UsageDay

    /// The days `start..<end`; `end` must be after `start`.
    public init(start: UsageDay, end: UsageDay) {
        precondition(start < end, "UsagePeriod: \(start) is not before \(end)")
        self.start = start
        self.end = end
    }

    /// The calendar month containing `day`: the period used while a company has no subscription period.
    public static func calendarMonth(containing day: UsageDay) -> UsagePeriod {
        UsagePeriod(start: day.firstOfMonth, end: day.firstOfNextMonth)
    }

    /// Whether `day` lies in the period.
    public func contains(_ day: UsageDay) -> Bool { start <= day && day < end }
}
