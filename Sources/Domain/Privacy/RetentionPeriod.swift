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
        let days = Self.floorDivide(seconds, 86_400)
        let timeOfDay = seconds - days * 86_400
        let (year, month, day) = Self.civil(days: days)
        let target = year - Int64(years)
        let clamped = min(day, Int64(CalendarDate.daysIn(month: Int(month), year: Int(target))))
        return UTCInstant(seconds: Self.days(year: target, month: month, day: clamped) * 86_400 + timeOfDay)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }

    /// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's civil_from_days).
    static func civil(days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// (year, month, day) → days since 1970-01-01 (days_from_civil).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
