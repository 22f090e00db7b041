/// Monthly billing periods in UTC, without Foundation: a period runs from a start to the same day and time of
/// the next month, clamped to that month's last day (31 January → 28/29 February).
public enum BillingPeriod {
    /// The end of the monthly period that starts at `start` (Unix seconds).
    public static func end(ofPeriodStartingAt start: Int64) -> Int64 {
        let day = floorDivide(start, 86_400)
        let secondOfDay = start - day * 86_400
        let (year, month, dayOfMonth) = civil(fromDays: day)
        let nextYear = month == 12 ? year + 1 : year
        let nextMonth = month == 12 ? 1 : month + 1
        let clamped = min(dayOfMonth, daysIn(month: nextMonth, year: nextYear))
        return days(fromCivil: nextYear, nextMonth, clamped) * 86_400 + secondOfDay
    }

    /// 00:00 UTC of the day of `time` (periods start at midnight, so usage days align with them).
    public static func startOfDay(_ time: Int64) -> Int64 {
        floorDivide(time, 86_400) * 86_400
    }

    /// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
    public static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let shifted = month <= 2 ? year - 1 : year
        let era = floorDivide(shifted, 400)
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date (year, month, day) of a day number since 1970-01-01.
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
