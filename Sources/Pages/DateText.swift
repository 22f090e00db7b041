import Domain
import Foundation

/// Dates as the portal shows them, in UTC: `02.12.2026` in German, `2 Dec 2026` in English.
enum DateText {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `date` for `language`.
    static func text(_ date: Date, in language: Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let day = parts.day!, month = parts.month!, year = parts.year!
        switch language {
        case .de: return (day < 10 ? "0" : "") + "\(day)." + (month < 10 ? "0" : "") + "\(month).\(year)"
        case .en: return "\(day) \(months[month - 1]) \(year)"
        }
    }

    /// The machine-readable `YYYY-MM-DD` for `<time datetime>`.
    static func iso(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let pad = { (value: Int) in (value < 10 ? "0" : "") + String(value) }
        return "\(parts.year!)-\(pad(parts.month!))-\(pad(parts.day!))"
    }

    /// A `YYYY-MM-DD` text for `language`, or nil when it is not such a date.
    static func text(isoDate: String, in language: Language) -> String? {
        let parts = isoDate.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        switch language {
        case .de: return (day < 10 ? "0" : "") + "\(day)." + (month < 10 ? "0" : "") + "\(month).\(year)"
        case .en: return "\(day) \(months[month - 1]) \(year)"
        }
    }
}
