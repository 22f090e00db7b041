import CivilTime

/// How long a data class is kept, counted from its ``RetentionStart``.
public enum RetentionPeriod: Sendable, Hashable {
    /// A number of whole days (86,400 s each); 0 = deleted as soon as it starts to count.
    case days(Int)
    /// A number of calendar years (UTC; 29 February becomes 28 February in a common year).
    case years(Int)
    /// As long as the account exists: removed by an erasure, not by time.
    case untilErasure

    /// The latest start that is due at `now` (seconds since 1970, UTC): a record whose period started at or
    /// before the cutoff has reached the end of its period. `nil` for ``untilErasure``.
    ///
    /// `start + period <= now` ⇔ `start <= cutoff(now)`; e.g. 14 days at 2026-12-15T10:00:00Z → 2026-12-01T10:00:00Z.
    public func cutoff(now: Int64) -> Int64? {
        switch self {
        case .days(let days): return now - Int64(days) * 86_400
        case .years(let years): return UTCInstant(seconds: now).subtracting(years: years).seconds
        case .untilErasure: return nil
        }
    }

    /// The period in whole days when it is one (the log rotation's unit).
    public var days: Int? {
        if case .days(let days) = self { return days }
        return nil
    }
}

/// From which moment a ``RetentionPeriod`` counts.
public enum RetentionStart: Sendable, Hashable {
    /// From when the record was made (received, decided, logged).
    case recorded
    /// From when what it records ended (a session's expiry or sign-out, a link's expiry, a job's or a mail's
    /// finish, a consent superseded or expired).
    case ended
    /// From the end of the calendar year of the record's date (invoices: the issue date).
    case endOfYear
    /// From the erasure of the account (never by time).
    case erasure
}

/// What happens to a data class at the end of its period.
public enum RetentionEnd: Sendable, Hashable {
    /// The records are deleted.
    case deleted
    /// The personal part is removed, the rest stays (a webhook event's payload; its id stays for deduplication).
    case personalDataRemoved
    /// Deleted or anonymised by an erasure (on request), except what another rule keeps longer.
    case erasedOnRequest
}

/// A UTC instant split into civil date and time of day (pure, no Foundation): for calendar-year arithmetic.
struct UTCInstant: Equatable {
    let seconds: Int64

    /// The instant `years` calendar years earlier, at the same UTC time of day (29 February → 28 February).
    func subtracting(years: Int) -> UTCInstant {
        let days = CivilCalendar.dayNumber(ofSeconds: seconds)
        let timeOfDay = seconds - days * 86_400
        let (year, month, day) = CivilCalendar.date(ofDayNumber: days)
        let target = year - Int64(years)
        let clamped = min(day, CivilCalendar.daysIn(month: month, year: target))
        return UTCInstant(
            seconds: CivilCalendar.dayNumber(year: target, month: month, day: clamped) * 86_400 + timeOfDay)
    }
}
