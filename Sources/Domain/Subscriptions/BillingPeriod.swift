import CivilTime

/// Monthly billing periods in UTC, without Foundation: a period runs from a start to the same day and time of
/// the next month, clamped to that month's last day (31 January → 28/29 February).
public enum BillingPeriod {
    /// The end of the monthly period that starts at `start` (Unix seconds).
    public static func end(ofPeriodStartingAt start: Int64) -> Int64 {
        let day = CivilCalendar.dayNumber(ofSeconds: start)
        let secondOfDay = start - day * 86_400
        let (year, month, dayOfMonth) = CivilCalendar.date(ofDayNumber: day)
        let nextYear = month == 12 ? year + 1 : year
        let nextMonth = month == 12 ? 1 : month + 1
        let clamped = min(dayOfMonth, CivilCalendar.daysIn(month: nextMonth, year: nextYear))
        return CivilCalendar.dayNumber(year: nextYear, month: nextMonth, day: clamped) * 86_400 + secondOfDay
    }

    /// 00:00 UTC of the day of `time` (periods start at midnight, so usage days align with them).
    public static func startOfDay(_ time: Int64) -> Int64 {
        CivilCalendar.dayNumber(ofSeconds: time) * 86_400
    }
}
