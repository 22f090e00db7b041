import CivilTime

/// The one RFC 3339 date-time format: parses timestamps (`2026-12-06T10:15:00Z`, `2026-12-06T11:15:00.250+01:00`)
/// to milliseconds since 1970 (UTC) — strict: four-digit year, `T` (or `t`/space), seconds required, `Z` or an
/// offset required — and writes them in UTC (`2026-12-06T10:15:00Z`, or with milliseconds for logs) through
/// `CivilTime.CivilFormat`, the one writer of date formats.
public enum RFC3339Timestamp {
    /// `2026-12-06T10:15:00Z` for `seconds` since 1970 (UTC, whole seconds).
    public static func text(seconds: Int) -> String {
        CivilFormat.rfc3339(seconds: Int64(seconds))
    }

    /// `2026-12-06T10:15:00.250Z` for `milliseconds` since 1970, or without the fraction when `fraction` is false.
    public static func text(milliseconds: Int, fraction: Bool = true) -> String {
        fraction
            ? CivilFormat.rfc3339(milliseconds: Int64(milliseconds))
            : CivilFormat.rfc3339(seconds: CivilCalendar.floorDivide(Int64(milliseconds), 1_000))
    }

    /// Milliseconds since 1970 for `text`, or nil when it is not an RFC 3339 date-time.
    public static func milliseconds(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40 else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + length] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == UInt8(ascii: "-"), let month = number(5, 2),
            bytes[7] == UInt8(ascii: "-"), let day = number(8, 2),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") || bytes[10] == UInt8(ascii: " "),
            let hour = number(11, 2), bytes[13] == UInt8(ascii: ":"), let minute = number(14, 2),
            bytes[16] == UInt8(ascii: ":"), let second = number(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year), hour <= 23,
            minute <= 59, second <= 60
        else { return nil }
        var index = 19
        var millis = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                if digits < 3 { millis = millis * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
            guard digits >= 1, digits <= 9 else { return nil }
            for _ in min(digits, 3)..<3 { millis *= 10 }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, let offsetHour = number(index + 1, 2),
                bytes[index + 3] == UInt8(ascii: ":"), let offsetMinute = number(index + 4, 2), offsetHour <= 23,
                offsetMinute <= 59
            else { return nil }
            offsetSeconds = (offsetHour * 3600 + offsetMinute * 60) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return nil
        }
        let days = UsageDay(year: year, month: month, day: day).daysSinceEpoch
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetSeconds
        return seconds * 1_000 + millis
    }
}
