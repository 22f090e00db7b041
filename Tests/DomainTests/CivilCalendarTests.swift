import CivilTime
import Testing

@Suite struct CivilCalendarTests {
    @Test func knownDays() {
        #expect(CivilCalendar.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.dayNumber(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilCalendar.dayNumber(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.dayNumber(year: 2026, month: 12, day: 6) == 20_793)
        #expect(CivilCalendar.weekday(ofDayNumber: 20_793) == 0)  // a Sunday
        #expect(CivilCalendar.weekday(ofDayNumber: 0) == 4)  // 1970-01-01, a Thursday
        #expect(CivilCalendar.weekday(ofDayNumber: -1) == 3)
        #expect(CivilCalendar.dayNumber(ofSeconds: -1) == -1)
        #expect(CivilCalendar.dayNumber(ofSeconds: 86_399) == 0)
        #expect(CivilCalendar.dayNumber(ofSeconds: 86_400) == 1)
    }

    @Test func leapYears() {
        #expect(CivilCalendar.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilCalendar.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilCalendar.daysIn(month: 2, year: 2000) == 29)
        #expect(CivilCalendar.daysIn(month: 2, year: 2026) == 28)
        #expect(CivilCalendar.daysIn(month: 4, year: 2026) == 30)
        #expect(CivilCalendar.daysIn(month: 12, year: 2026) == 31)
    }

    /// Walks every day from 1600-01-01 to 2400-12-31 by counting (month lengths only) and compares both directions.
    @Test func everyDayOfEightCenturiesConvertsBothWays() {
        var number = CivilCalendar.dayNumber(year: 1600, month: 1, day: 1)
        var weekday = CivilCalendar.weekday(ofDayNumber: number)
        for year in Int64(1600)...2400 {
            for month in Int64(1)...12 {
                for day in 1...CivilCalendar.daysIn(month: month, year: year) {
                    let date = CivilCalendar.date(ofDayNumber: number)
                    guard date == (year, month, day),
                        CivilCalendar.dayNumber(year: year, month: month, day: day) == number,
                        CivilCalendar.weekday(ofDayNumber: number) == weekday
                    else {
                        Issue.record("day \(number): \(date) vs \(year)-\(month)-\(day)")
                        return
                    }
                    number += 1
                    weekday = (weekday + 1) % 7
                }
            }
        }
        #expect(number == CivilCalendar.dayNumber(year: 2401, month: 1, day: 1))
    }
}
