extension VATRate {
    /// `numerator / denominator` rounded to a whole number by the rounding rule of ``VATRate`` (half away from
    /// zero), for amounts that are a fraction of cents (a prorated fee, an exact unit price × quantity).
    /// `denominator` must be positive.
    public static func rounded(_ numerator: Int64, over denominator: Int64) -> Int64 {
        precondition(denominator > 0, "VATRate.rounded: the denominator must be positive")
        // The one implementation of the rule lives in VATRate.swift.
        return Int64(Money.rounded(Int(numerator), times: 1, per: Int(denominator), currency: .eur).cents)
    }
}
