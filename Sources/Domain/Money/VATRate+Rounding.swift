extension VATRate {
    /// `numerator / denominator` rounded to a whole number by the rounding rule of ``VATRate`` (half away from
    /// zero), for amounts that are a fraction of cents (a prorated fee, an exact unit price × quantity).
    /// `denominator` must be positive.
    public static func rounded(_ numerator: Int64, over denominator: Int64) -> Int64 {
        precondition(denominator > 0, "VATRate.rounded: the denominator must be positive")
        let magnitude = (2 * numerator.magnitude + denominator.magnitude) / (2 * denominator.magnitude)
        return numerator < 0 ? -Int64(magnitude) : Int64(magnitude)
    }
}
