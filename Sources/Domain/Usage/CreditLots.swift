/// Credits as lots, oldest first: each grant is a lot, every debit (usage, refund, expiry, a negative adjustment)
/// takes from the oldest lots first. A lot expires ``validityMonths`` months after it was granted (terms §6: 24
/// months from purchase); what is left of it then is taken by an expiry entry.
public enum CreditLots {
    /// How long credits can be redeemed.
    public static let validityMonths = 24

    /// One ledger entry: a signed amount and when it was booked (seconds since 1970).
    public struct Entry: Sendable, Hashable {
        /// Credits added (> 0) or taken (< 0).
        public let delta: Int
        /// When the entry was booked.
        public let at: Int

        /// An entry.
        public init(delta: Int, at: Int) {
            self.delta = delta
            self.at = at
        }
    }

    /// The credits that have expired by `now` and were not yet taken: the remainder of every lot granted at least
    /// ``validityMonths`` months before `now`, after applying every debit oldest-lot-first. `entries` in booking
    /// order.
    public static func expired(_ entries: [Entry], now: Int) -> Int {
        var lots: [(remaining: Int, grantedAt: Int)] = []
        var first = 0
        for entry in entries {
            if entry.delta > 0 {
                lots.append((entry.delta, entry.at))
                continue
            }
            var debit = -entry.delta
            while debit > 0, first < lots.count {
                let taken = min(debit, lots[first].remaining)
                lots[first].remaining -= taken
                debit -= taken
                if lots[first].remaining == 0 { first += 1 }
            }
        }
        return lots[first...].filter { expiry(ofGrantAt: $0.grantedAt) <= now }.reduce(0) { $0 + $1.remaining }
    }

    /// The moment a lot granted at `grantedAt` expires: the same day and time ``validityMonths`` months later
    /// (clamped to the end of a shorter month).
    public static func expiry(ofGrantAt grantedAt: Int) -> Int {
        let day = UsageDay(secondsSinceEpoch: grantedAt)
        let secondOfDay = grantedAt - day.startSeconds
        let date = day.civil
        let months = date.year * 12 + (date.month - 1) + validityMonths
        let year = months / 12
        let month = months % 12 + 1
        let clamped = min(date.day, CalendarDate.daysIn(month: month, year: year))
        return UsageDay(year: year, month: month, day: clamped).startSeconds + secondOfDay
    }
}
