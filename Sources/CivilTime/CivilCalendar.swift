/// The proleptic Gregorian calendar on day numbers (days since 1970-01-01, negative before), without Foundation:
/// the one copy of the civil-date arithmetic that invoices, billing periods, usage days, retention periods, HTTP
/// dates and mail dates share (issue 9 item 5). Day numbers are UTC days; the conversions are Howard Hinnant's
/// `days_from_civil` / `civil_from_days`, exact for every year an `Int64` day number can reach.
public enum CivilCalendar {
    /// The day number of a civil date; `month` 1...12, `day` 1...31 (not range-checked: callers validate).
    @inlinable
    public static func dayNumber(year: Int64, month: Int64, day: Int64) -> Int64 {
        // Years begin on 1 March so that the leap day is the last day of a year and of a 400-year era.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date (year, month 1...12, day 1...31) of a day number.
    @inlinable
    public static func date(ofDayNumber days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day number of the UTC day containing `seconds` since 1970-01-01T00:00:00Z.
    @inlinable
    public static func dayNumber(ofSeconds seconds: Int64) -> Int64 {
        floorDivide(seconds, 86_400)
    }

    /// The weekday of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    @inlinable
    public static func weekday(ofDayNumber days: Int64) -> Int {
        Int(((days % 7) + 11) % 7)
    }

    /// Whether `year` is a leap year.
    @inlinable
    public static func isLeapYear(_ year: Int64) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days of `month` (1...12) in `year`.
    @inlinable
    public static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `value / divisor` rounded towards negative infinity (`divisor` > 0).
    @inlinable
    public static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }
}
