/// The date or period of service (§14 (4) Nr. 6 UStG; BG-14 BT-73/BT-74): a single day has `start == end`.
public struct ServicePeriod: Sendable, Hashable {
    /// The first day of service.
    public let start: CalendarDate
    /// The last day of service, never before ``start``.
    public let end: CalendarDate

    /// The period `start`...`end`; `nil` when `end` is before `start`.
    public init?(start: CalendarDate, end: CalendarDate) {
        guard start <= end else { return nil }
        self.start = start
        self.end = end
    }

    /// The single day `day`.
    public init(day: CalendarDate) {
        self.start = day
        self.end = day
    }

    /// `02.03.2026` for a single day, `01.02.2026 – 28.02.2026` for a period.
    public var german: String { start == end ? start.german : "\(start.german) – \(end.german)" }
}
