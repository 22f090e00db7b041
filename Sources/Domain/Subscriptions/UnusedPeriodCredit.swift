/// The part of a period's base fee that an immediate cancellation leaves unused: `net × unused / period`,
/// exact in integers and rounded to cents once by the one rounding rule (``Money/rounded(_:times:per:currency:)``).
public enum UnusedPeriodCredit {
    /// The net amount to credit when a period `[periodStart, periodEnd)` billed at `net` ends at `from`.
    public static func net(of net: Money, from: Int64, periodStart: Int64, periodEnd: Int64) -> Money {
        let length = periodEnd - periodStart
        guard length > 0, net.cents > 0 else { return Money(cents: 0, currency: net.currency) }
        let unused = min(max(periodEnd - from, 0), length)
        // Doubling both keeps the divisor even, as the rule's implementation requires.
        return Money.rounded(net.cents, times: Int(2 * unused), per: Int(2 * length), currency: net.currency)
    }
}
