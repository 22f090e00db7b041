/// The part of a period's base fee that an immediate cancellation leaves unused: `net × unused / period`,
/// exact in integers and rounded to cents once by the one rounding rule (``Money/rounded(_:times:per:currency:)``).
///
/// By the day: the day of the period (24 hours from its start) in which the cancellation falls counts as used in
/// full, so what is credited is whole days, as a correction can state them. Counted by the second, a cancellation in
/// the first minutes of a period left a few cents owed, below the smallest amount a card or SEPA charge can collect
/// (0.50 €): Stripe refused the charge and the dunning ran over cents (session 16: the collection tests failed
/// between 00:00 and 00:38 UTC). A whole day of the smallest plan is 15.80 €.
public enum UnusedPeriodCredit {
    /// The length of the unit that is used or unused as a whole.
    public static let day: Int64 = 86_400

    /// The net amount to credit when a period `[periodStart, periodEnd)` billed at `net` ends at `from`: nothing
    /// used when it ends at or before its start, otherwise every day up to the end of the one `from` falls in.
    public static func net(of net: Money, from: Int64, periodStart: Int64, periodEnd: Int64) -> Money {
        let length = periodEnd - periodStart
        guard length > 0, net.cents > 0 else { return Money(cents: 0, currency: net.currency) }
        let usedUntil = from <= periodStart ? periodStart : periodStart + (from - periodStart + day - 1) / day * day
        let unused = min(max(periodEnd - usedUntil, 0), length)
        // Doubling both keeps the divisor even, as the rule's implementation requires.
        return Money.rounded(net.cents, times: Int(2 * unused), per: Int(2 * length), currency: net.currency)
    }
}
