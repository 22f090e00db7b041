import Testing

@testable import Domain

@Suite struct CalendarDateTests {
    @Test(arguments: [
        ("2026-03-02", "20260302", "02.03.2026"), ("2024-02-29", "20240229", "29.02.2024"),
        ("0999-12-31", "09991231", "31.12.0999"),
    ])
    func parsesAndFormats(iso: String, compact: String, german: String) throws {
        let date = try #require(CalendarDate(iso: iso))
        #expect(date.iso == iso)
        #expect(date.compact == compact)
        #expect(date.german == german)
    }

    @Test(arguments: [
        "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-3-02", "2026-03-02T00:00", "20260302",
        "2026/03/02", "", "abcd-ef-gh", "2026-03-0x", "1900-02-29",
    ])
    func refusesWhatIsNotADay(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func comparesAndMovesByYears() throws {
        let leap = try #require(CalendarDate(iso: "2024-02-29"))
        #expect(leap.adding(years: 8) == CalendarDate(iso: "2032-02-29"))
        #expect(leap.adding(years: 1) == CalendarDate(iso: "2025-02-28"))
        #expect(leap.endOfYear.adding(years: 8) == CalendarDate(iso: "2032-12-31"))
        #expect(try #require(CalendarDate(iso: "2026-01-31")) < CalendarDate(iso: "2026-02-01")!)
        #expect(!(leap < leap))
    }

    @Test func servicePeriodNeverEndsBeforeItStarts() throws {
        let start = try #require(CalendarDate(iso: "2026-02-01"))
        let end = try #require(CalendarDate(iso: "2026-02-28"))
        #expect(ServicePeriod(start: end, end: start) == nil)
        #expect(ServicePeriod(start: start, end: end)?.german == "01.02.2026 – 28.02.2026")
        #expect(ServicePeriod(day: start).german == "01.02.2026")
    }
}
