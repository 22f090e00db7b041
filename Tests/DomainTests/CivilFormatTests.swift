import CivilTime
import Foundation
import Testing

/// The one writer of date formats (issue 9 item 5): fixed instants around leap days, year ends and the epoch, and
/// the same bytes as the Foundation formatters it replaced (which the sources may no longer use).
@Suite struct CivilFormatTests {
    struct Instant: Sendable, CustomStringConvertible {
        let seconds: Int64
        let rfc3339: String
        let logStamp: String
        let httpDate: String
        var description: String { rfc3339 }
    }

    static let instants = [
        Instant(
            seconds: 0, rfc3339: "1970-01-01T00:00:00Z", logStamp: "19700101-000000",
            httpDate: "Thu, 01 Jan 1970 00:00:00"),
        Instant(
            seconds: -1, rfc3339: "1969-12-31T23:59:59Z", logStamp: "19691231-235959",
            httpDate: "Wed, 31 Dec 1969 23:59:59"),
        Instant(
            seconds: 951_782_400, rfc3339: "2000-02-29T00:00:00Z", logStamp: "20000229-000000",
            httpDate: "Tue, 29 Feb 2000 00:00:00"),
        Instant(
            seconds: 951_868_799, rfc3339: "2000-02-29T23:59:59Z", logStamp: "20000229-235959",
            httpDate: "Tue, 29 Feb 2000 23:59:59"),
        Instant(
            seconds: 1_709_164_800, rfc3339: "2024-02-29T00:00:00Z", logStamp: "20240229-000000",
            httpDate: "Thu, 29 Feb 2024 00:00:00"),
        Instant(
            seconds: 1_735_689_599, rfc3339: "2024-12-31T23:59:59Z", logStamp: "20241231-235959",
            httpDate: "Tue, 31 Dec 2024 23:59:59"),
        Instant(
            seconds: 1_735_689_600, rfc3339: "2025-01-01T00:00:00Z", logStamp: "20250101-000000",
            httpDate: "Wed, 01 Jan 2025 00:00:00"),
        Instant(
            seconds: 4_107_542_399, rfc3339: "2100-02-28T23:59:59Z", logStamp: "21000228-235959",
            httpDate: "Sun, 28 Feb 2100 23:59:59"),
        Instant(
            seconds: 4_107_542_400, rfc3339: "2100-03-01T00:00:00Z", logStamp: "21000301-000000",
            httpDate: "Mon, 01 Mar 2100 00:00:00"),
        Instant(
            seconds: 1_796_531_941, rfc3339: "2026-12-06T04:39:01Z", logStamp: "20261206-043901",
            httpDate: "Sun, 06 Dec 2026 04:39:01"),
        Instant(
            seconds: 253_402_300_799, rfc3339: "9999-12-31T23:59:59Z", logStamp: "99991231-235959",
            httpDate: "Fri, 31 Dec 9999 23:59:59"),
    ]

    @Test(arguments: instants)
    func writesEveryFormatOfAFixedInstant(_ instant: Instant) throws {
        #expect(CivilFormat.rfc3339(seconds: instant.seconds) == instant.rfc3339)
        #expect(CivilFormat.rfc3339(milliseconds: instant.seconds * 1_000 + 7) == instant.rfc3339.dropLast() + ".007Z")
        #expect(CivilFormat.logFileStamp(seconds: instant.seconds) == instant.logStamp)
        #expect(CivilFormat.seconds(logFileStamp: instant.logStamp) == instant.seconds)
        #expect(CivilFormat.httpDate(seconds: instant.seconds) == instant.httpDate + " GMT")
        #expect(CivilFormat.rfc5322(seconds: instant.seconds) == instant.httpDate + " +0000")
        let date = String(instant.rfc3339.prefix(10))
        let day = CivilCalendar.dayNumber(ofSeconds: instant.seconds)
        #expect(CivilFormat.isoDate(dayNumber: day) == date)
        #expect(CivilFormat.compactDate(dayNumber: day) == date.replacing("-", with: ""))
        let parts = date.split(separator: "-")
        #expect(CivilFormat.germanDate(dayNumber: day) == "\(parts[2]).\(parts[1]).\(parts[0])")
        let clock = instant.rfc3339.dropFirst(11).prefix(8)
        #expect(
            CivilFormat.datevStamp(milliseconds: instant.seconds * 1_000 + 250)
                == date.replacing("-", with: "") + clock.replacing(":", with: "") + "250")
        #expect(
            CivilFormat.minutes(seconds: instant.seconds, german: true)
                == "\(parts[2]).\(parts[1]).\(parts[0]) \(clock.prefix(5))")
        #expect(CivilFormat.minutes(seconds: instant.seconds, german: false) == "\(date) \(clock.prefix(5))")
        let (year, month, dayOfMonth) = CivilCalendar.date(ofDayNumber: day)
        #expect(
            CivilFormat.commonLog(seconds: instant.seconds)
                == "\(parts[2])/\(instant.httpDate.split(separator: " ")[2])/\(parts[0]):\(clock) +0000")
        #expect(CivilFormat.isoDate(year: year, month: month, day: dayOfMonth) == date)
    }

    /// The bytes are those of the Foundation formatters the server log rotation and the privacy export used
    /// (`yyyyMMdd-HHmmss` in UTC with the POSIX locale; ISO 8601 internet date-time), also inside a second.
    @Test(arguments: instants.map(\.seconds).filter { $0 >= 0 && $0 < 253_402_300_799 })
    func matchesTheFoundationFormattersItReplaced(_ seconds: Int64) {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        let stamp = DateFormatter()
        stamp.locale = Locale(identifier: "en_US_POSIX")
        stamp.timeZone = TimeZone(identifier: "UTC")
        stamp.dateFormat = "yyyyMMdd-HHmmss"
        for fraction in [0.0, 0.25, 0.999] {
            let date = Date(timeIntervalSince1970: Double(seconds) + fraction)
            let whole = Int64(date.timeIntervalSince1970.rounded(.down))
            #expect(CivilFormat.rfc3339(seconds: whole) == iso.string(from: date))
            #expect(CivilFormat.logFileStamp(seconds: whole) == stamp.string(from: date))
            #expect(CivilFormat.seconds(logFileStamp: stamp.string(from: date)) == whole)
        }
    }

    @Test(arguments: [
        "", "20261206-10150", "20261206-1015000", "20261206 101500", "2026120-6101500", "20261306-101500",
        "20260229-101500", "20261200-101500", "20261206-241500", "20261206-106000", "20261206-101560",
        "2026-12-06T10:15:00Z", "+0261206-101500",
    ])
    func refusesWhatIsNotALogFileStamp(_ text: String) {
        #expect(CivilFormat.seconds(logFileStamp: text) == nil)
    }

    /// The one-buffer RFC 3339 writer agrees with the date and clock parts, at the edges of four-digit years too.
    @Test(arguments: [
        Int64(-62_167_219_200_001), -62_167_219_200_000, -86_400_001, -1, 0, 999, 1_764_000_123_456,
        1_796_576_398_007, 253_402_300_799_999, 253_402_300_800_000,
    ])
    func rfc3339WithMillisecondsAgreesWithItsParts(_ milliseconds: Int64) {
        func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
            value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        }
        let second = floorDivide(milliseconds, 1_000)
        let day = floorDivide(second, 86_400)
        let ofDay = second - day * 86_400
        let expected =
            CivilFormat.isoDate(dayNumber: day) + "T" + CivilFormat.digits(ofDay / 3600, 2) + ":"
            + CivilFormat.digits(ofDay / 60 % 60, 2) + ":" + CivilFormat.digits(ofDay % 60, 2) + "."
            + CivilFormat.digits(milliseconds - second * 1_000, 3) + "Z"
        #expect(CivilFormat.rfc3339(milliseconds: milliseconds) == expected)
    }

    @Test func padsAndSignsDigits() {
        #expect(CivilFormat.digits(7, 2) == "07")
        #expect(CivilFormat.digits(123, 2) == "123")
        #expect(CivilFormat.digits(-5, 4) == "-0005")
        #expect(CivilFormat.rfc3339(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
        #expect(CivilFormat.englishDate(year: 2026, month: 12, day: 6) == "6 Dec 2026")
        #expect(CivilFormat.germanDate(year: 2028, month: 2, day: 29) == "29.02.2028")
    }
}
