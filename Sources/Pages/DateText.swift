import CivilTime
import Domain
import Foundation

/// Dates as the portal shows them, in UTC: `02.12.2026` in German, `2 Dec 2026` in English. Written by
/// `CivilTime.CivilFormat` from the civil date (no calendar or formatter objects on the render path).
enum DateText {
    /// `date` for `language`.
    static func text(_ date: Date, in language: Language) -> String {
        let (year, month, day) = civil(date)
        return text(year: year, month: month, day: day, in: language)
    }

    /// The machine-readable `YYYY-MM-DD` for `<time datetime>`.
    static func iso(_ date: Date) -> String {
        let (year, month, day) = civil(date)
        return CivilFormat.isoDate(year: Int64(year), month: Int64(month), day: Int64(day))
    }

    /// A `YYYY-MM-DD` text for `language`, or nil when it is not such a date.
    static func text(isoDate: String, in language: Language) -> String? {
        let parts = isoDate.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return text(year: year, month: month, day: day, in: language)
    }

    private static func text(year: Int, month: Int, day: Int, in language: Language) -> String {
        switch language {
        case .de: CivilFormat.germanDate(year: Int64(year), month: Int64(month), day: Int64(day))
        case .en: CivilFormat.englishDate(year: Int64(year), month: Int64(month), day: Int64(day))
        }
    }

    /// The UTC calendar date of `date`.
    private static func civil(_ date: Date) -> (year: Int, month: Int, day: Int) {
        UsageDay(secondsSinceEpoch: Int(date.timeIntervalSince1970.rounded(.down))).civil
    }
}
