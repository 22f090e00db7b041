/// The requests of write budgets this worker took ahead (``Domain/RateLimit/takeAhead``) and has not spent yet,
/// per bearer token (keyed by the token's SHA-256, never the token) and window.
///
/// A bearer usage request that finds one here spends it and skips the count in PostgreSQL (its statement still
/// looks the token up: a revoked token or a disabled user is refused at once); one that finds none counts
/// `takeAhead` requests, within what is left of the window, and keeps the rest here. Beside them the token's
/// last-used time as last seen, so that a request spent from here skips the token's touch too while none is due
/// (``Storage/APITokenStore/BudgetTake/takenAhead(lastUsed:)``). One worker is one thread, so
/// nothing here is shared or locked. Bounded: past ``capacity`` tokens the table starts over (their requests are
/// lost to their accounts for the window, never added).
final class BudgetTakenAhead {
    private struct Entry {
        var window: Int
        var remaining: Int
        var lastUsed: Double
    }

    /// The most tokens kept at once.
    static let capacity = 1_024
    private var entries: [[UInt8]: Entry] = [:]

    /// Spends one request taken ahead for the token `digest` in the window starting at `window` and answers the
    /// token's last-used time as last seen (seconds); nil when there is none (none left, or taken in another window).
    func spend(_ digest: [UInt8], window: Int) -> Double? {
        guard var entry = entries[digest], entry.window == window, entry.remaining > 0 else { return nil }
        entry.remaining -= 1
        entries[digest] = entry.remaining > 0 ? entry : nil
        return entry.lastUsed
    }

    /// Requests kept for `digest` in `window` while the token's last-used time as last seen is later than
    /// `dueBefore` (no touch due), else 0: what ``spend(_:window:)`` would give that many times without a touch.
    func freshRemaining(_ digest: [UInt8], window: Int, dueBefore: Double) -> Int {
        guard let entry = entries[digest], entry.window == window, entry.lastUsed > dueBefore else { return 0 }
        return entry.remaining
    }

    /// Keeps `remaining` requests taken ahead for `digest` in `window` (replacing what was kept; none forgets it)
    /// and the token's last-used time `lastUsed`.
    func keep(_ digest: [UInt8], window: Int, remaining: Int, lastUsed: Double = 0) {
        guard remaining > 0 else {
            entries[digest] = nil
            return
        }
        if entries[digest] == nil, entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[digest] = Entry(window: window, remaining: remaining, lastUsed: lastUsed)
    }

    /// Records the token's last-used time `lastUsed` seen by a request spent from here (nothing when none is kept).
    func saw(_ digest: [UInt8], lastUsed: Double) {
        entries[digest]?.lastUsed = lastUsed
    }

    /// Requests kept for `digest` in `window` (for tests).
    func remaining(_ digest: [UInt8], window: Int) -> Int {
        guard let entry = entries[digest], entry.window == window else { return 0 }
        return entry.remaining
    }
}
