/// The part of a period's base fee that an immediate cancellation leaves unused: `net × unused / period`,
/// computed exactly in integers and rounded to cents once by the one rounding rule (``VATRate/rounded(_:over:)``).
public enum UnusedPeriodCredit {
    /// The net cents to credit when a period `[periodStart, periodEnd)` billed at `netCents` ends at `from`.
    public static func netCents(of netCents: Int64, from: Int64, periodStart: Int64, periodEnd: Int64) -> Int64 {
        let length = periodEnd - periodStart
        guard length > 0, netCents > 0 else { return 0 }
        let unused = min(max(periodEnd - from, 0), length)
        return VATRate.rounded(netCents * unused, over: length)
    }
}
