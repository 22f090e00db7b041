/// The date and time formats the project writes, one copy each (issue 9 item 5), all in UTC and without
/// Foundation: calendar dates (`2026-12-06`, `20261206`, `06.12.2026`), RFC 3339 / ISO 8601 timestamps
/// (`2026-12-06T10:15:00Z`, with milliseconds for logs), the rotated server logs' suffix (`20261206-101500`), the
/// DATEV header's creation time (`20261206101500250`), staff's minute-precise times (`06.12.2026 10:15`), an
/// e-mail's date (RFC 5322), an HTTP date (RFC 9110) and the pool status page's (common log format).
///
/// Times are seconds or milliseconds since 1970-01-01T00:00:00Z (negative before); a moment inside a second
/// writes as that second (rounded towards the past, as Foundation's formatters do). Years are written with at least
/// four digits.
public enum CivilFormat {
    /// `2026-12-06` (ISO 8601 calendar date).
    public static func isoDate(year: Int64, month: Int64, day: Int64) -> String {
        digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2)
    }

    /// `20261206` (ISO 8601 basic calendar date; UN/CEFACT date format 102).
    public static func compactDate(year: Int64, month: Int64, day: Int64) -> String {
        digits(year, 4) + digits(month, 2) + digits(day, 2)
    }

    /// `06.12.2026` (the German way of writing a date).
    public static func germanDate(year: Int64, month: Int64, day: Int64) -> String {
        digits(day, 2) + "." + digits(month, 2) + "." + digits(year, 4)
    }

    /// `6 Dec 2026` (the English way the portal writes a date).
    public static func englishDate(year: Int64, month: Int64, day: Int64) -> String {
        String(day) + " " + monthNames[Int(month) - 1] + " " + digits(year, 4)
    }

    /// `2026-12-06` (ISO 8601 calendar date) of a day number.
    public static func isoDate(dayNumber: Int64) -> String {
        let (year, month, day) = CivilCalendar.date(ofDayNumber: dayNumber)
        return isoDate(year: year, month: month, day: day)
    }

    /// `20261206` of a day number.
    public static func compactDate(dayNumber: Int64) -> String {
        let (year, month, day) = CivilCalendar.date(ofDayNumber: dayNumber)
        return compactDate(year: year, month: month, day: day)
    }

    /// `06.12.2026` of a day number.
    public static func germanDate(dayNumber: Int64) -> String {
        let (year, month, day) = CivilCalendar.date(ofDayNumber: dayNumber)
        return germanDate(year: year, month: month, day: day)
    }

    /// `2026-12-06T10:15:00Z`: RFC 3339 (an ISO 8601 date-time) in UTC, whole seconds.
    public static func rfc3339(seconds: Int64) -> String {
        let moment = Moment(milliseconds: seconds * 1_000)
        return isoDate(dayNumber: moment.day) + "T" + moment.clock(":", seconds: true) + "Z"
    }

    /// `2026-12-06T10:15:00.250Z`: RFC 3339 in UTC with milliseconds (log lines).
    /// Written into one 24-byte buffer (every log line has one: a dozen concatenated strings cost 9,000
    /// instructions, 4 % of a webhook request in the pool worker, issue #16); years outside 0...9999 the long way.
    public static func rfc3339(milliseconds: Int64) -> String {
        let moment = Moment(milliseconds: milliseconds)
        let (year, month, day) = CivilCalendar.date(ofDayNumber: moment.day)
        guard (0...9999).contains(year) else {
            return isoDate(year: year, month: month, day: day) + "T" + moment.clock(":", seconds: true) + "."
                + digits(moment.millisecond, 3) + "Z"
        }
        let second = moment.secondOfDay
        return String(unsafeUninitializedCapacity: 24) { buffer in
            // `value` in `width` decimal digits at `start`, then `separator`.
            func put(_ value: Int64, _ width: Int, at start: Int, then separator: Unicode.Scalar) {
                var rest = value
                for index in stride(from: start + width - 1, through: start, by: -1) {
                    buffer[index] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                    rest /= 10
                }
                buffer[start + width] = UInt8(ascii: separator)
            }
            put(year, 4, at: 0, then: "-")
            put(month, 2, at: 5, then: "-")
            put(day, 2, at: 8, then: "T")
            put(second / 3600, 2, at: 11, then: ":")
            put(second / 60 % 60, 2, at: 14, then: ":")
            put(second % 60, 2, at: 17, then: ".")
            put(moment.millisecond, 3, at: 20, then: "Z")
            return 24
        }
    }

    /// `20261206-101500`: the suffix of a rotated server log file (and of the rotation's start mark).
    public static func logFileStamp(seconds: Int64) -> String {
        let moment = Moment(milliseconds: seconds * 1_000)
        return compactDate(dayNumber: moment.day) + "-" + moment.clock("", seconds: true)
    }

    /// The seconds since 1970 of a ``logFileStamp(seconds:)`` text, or nil when `text` is not exactly one (fifteen
    /// characters, a valid date and time).
    public static func seconds(logFileStamp text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 15, bytes[8] == UInt8(ascii: "-") else { return nil }
        func number(_ start: Int, _ length: Int) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[start..<start + length] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), let month = number(4, 2), let day = number(6, 2), let hour = number(9, 2),
            let minute = number(11, 2), let second = number(13, 2), (1...12).contains(month), day >= 1,
            day <= CivilCalendar.daysIn(month: month, year: year), hour <= 23, minute <= 59, second <= 59
        else { return nil }
        return CivilCalendar.dayNumber(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60
            + second
    }

    /// `20261206101500250` (`YYYYMMDDHHMMSSFFF`): the creation time in a DATEV EXTF header.
    public static func datevStamp(milliseconds: Int64) -> String {
        let moment = Moment(milliseconds: milliseconds)
        return compactDate(dayNumber: moment.day) + moment.clock("", seconds: true) + digits(moment.millisecond, 3)
    }

    /// `Sun, 06 Dec 2026 04:39:01 +0000`: an e-mail's `Date:` (RFC 5322 date-time, in UTC).
    public static func rfc5322(seconds: Int64) -> String {
        let moment = Moment(milliseconds: seconds * 1_000)
        let (year, month, day) = CivilCalendar.date(ofDayNumber: moment.day)
        return weekdayNames[CivilCalendar.weekday(ofDayNumber: moment.day)] + ", " + digits(day, 2) + " "
            + monthNames[Int(month) - 1] + " " + digits(year, 4) + " " + moment.clock(":", seconds: true) + " +0000"
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`: an HTTP date (RFC 9110 IMF-fixdate).
    public static func httpDate(seconds: Int64) -> String {
        let moment = Moment(milliseconds: seconds * 1_000)
        let (year, month, day) = CivilCalendar.date(ofDayNumber: moment.day)
        return weekdayNames[CivilCalendar.weekday(ofDayNumber: moment.day)] + ", " + digits(day, 2) + " "
            + monthNames[Int(month) - 1] + " " + digits(year, 4) + " " + moment.clock(":", seconds: true) + " GMT"
    }

    /// `02/Dec/2026:16:17:53 +0000`: the common log format's time, which PHP-FPM's status page shows (UTC).
    public static func commonLog(seconds: Int64) -> String {
        let moment = Moment(milliseconds: seconds * 1_000)
        let (year, month, day) = CivilCalendar.date(ofDayNumber: moment.day)
        return digits(day, 2) + "/" + monthNames[Int(month) - 1] + "/" + digits(year, 4) + ":"
            + moment.clock(":", seconds: true) + " +0000"
    }

    /// English month abbreviations, January first (as RFC 5322 and the common log format write them).
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// English weekday abbreviations, Sunday first (``CivilCalendar/weekday(ofDayNumber:)``'s order).
    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// A time as staff read it, to the minute: `06.12.2026 10:15` (`german`) or `2026-12-06 10:15`.
    public static func minutes(seconds: Int64, german: Bool) -> String {
        let moment = Moment(milliseconds: seconds * 1_000)
        let date = german ? germanDate(dayNumber: moment.day) : isoDate(dayNumber: moment.day)
        return date + " " + moment.clock(":", seconds: false)
    }

    /// `value` in decimal with at least `width` digits (zeros in front; a minus sign before them).
    public static func digits(_ value: Int64, _ width: Int) -> String {
        let text = String(value.magnitude)
        let padded = text.count < width ? String(repeating: "0", count: width - text.count) + text : text
        return value < 0 ? "-" + padded : padded
    }

    /// A moment split into its UTC day and the time of day.
    struct Moment {
        /// The day number.
        let day: Int64
        /// Seconds since the day's midnight, 0..<86 400.
        let secondOfDay: Int64
        /// Milliseconds within the second, 0..<1000.
        let millisecond: Int64

        init(milliseconds: Int64) {
            let second = CivilCalendar.floorDivide(milliseconds, 1_000)
            millisecond = milliseconds - second * 1_000
            day = CivilCalendar.dayNumber(ofSeconds: second)
            secondOfDay = second - day * 86_400
        }

        /// `10:15:00` (`separator` ":", `seconds`), `101500` (separator "") or `10:15`.
        func clock(_ separator: String, seconds: Bool) -> String {
            let text = digits(secondOfDay / 3600, 2) + separator + digits(secondOfDay / 60 % 60, 2)
            return seconds ? text + separator + digits(secondOfDay % 60, 2) : text
        }
    }
}
