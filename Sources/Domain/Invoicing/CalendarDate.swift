import CivilTime

/// A day of the Gregorian calendar without a time or a time zone: an invoice's issue date, a service period's
/// first and last day, a payment date. Compared by (year, month, day).
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...28/29/30/31.
    public let day: Int

    /// The date `year`-`month`-`day`; `nil` when no such day exists (e.g. 2026-02-29, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (ISO 8601 calendar date, digits only); `nil` for anything else or a day that
    /// does not exist.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The number of days of `month` in `year` (leap years by the Gregorian rule).
    public static func daysIn(month: Int, year: Int) -> Int {
        Int(CivilCalendar.daysIn(month: Int64(month), year: Int64(year)))
    }

    /// `YYYY-MM-DD`, e.g. `2026-03-02`.
    public var iso: String { CivilFormat.isoDate(year: Int64(year), month: Int64(month), day: Int64(day)) }

    /// `YYYYMMDD`, the UN/CEFACT date format 102 of e-invoices, e.g. `20260302`.
    public var compact: String { CivilFormat.compactDate(year: Int64(year), month: Int64(month), day: Int64(day)) }

    /// `DD.MM.YYYY`, the German way of writing a date, e.g. `02.03.2026`.
    public var german: String { CivilFormat.germanDate(year: Int64(year), month: Int64(month), day: Int64(day)) }

    /// The last day of this date's year, e.g. 2026-12-31.
    public var endOfYear: CalendarDate { CalendarDate(known: year, 12, 31) }

    /// The ISO text, `YYYY-MM-DD`.
    public var description: String { iso }

    /// Whether `lhs` is the earlier day.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The same day `years` years later (29 February becomes 28 February in a common year).
    public func adding(years: Int) -> CalendarDate {
        let target = year + years
        return CalendarDate(known: target, month, min(day, CalendarDate.daysIn(month: month, year: target)))
    }

    private init(known year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}
