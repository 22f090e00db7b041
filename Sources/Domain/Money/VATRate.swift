/// A VAT rate in basis points (1/100 of a percent): 19 % is `VATRate(basisPoints: 1900)`. Never floating point.
///
/// ## The rounding rule
///
/// This is the one place where money is rounded. VAT on an invoice is
///
///     vat_cents = round_half_up(net_cents × basisPoints / 10 000)
///
/// rounded to whole cents by commercial rounding ("kaufmännische Rundung"): a remainder of half a cent or more
/// rounds up, less than half a cent rounds down; negative amounts round symmetrically (half away from zero,
/// so a credit note mirrors its invoice). It is computed **once per invoice, on the invoice's total net**,
/// never per line and then summed. Examples at 19 %: 699 → 132.81 → 133; 149 → 28.31 → 28; 50 → 9.5 → 10.
/// Line totals of whole units in cents (unit price × quantity) are exact and need no rounding. A metered line
/// (a quantity with up to 3 decimals × a unit price in 1/100 cent, e.g. 25.5 minutes × 0.0500 €) is exact in
/// 1/100 000 cent and rounded to whole cents **once per line** by the same rule, ``Money/rounded(_:times:per:currency:)``;
/// the VAT of the invoice is then computed on the sum of the rounded lines. Example: 0.125 × 0.0500 € = 0.625 ct → 1 ct.
public struct VATRate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The rate in basis points: 1900 is 19 %, 0 is 0 %.
    public let basisPoints: Int

    /// A rate of `basisPoints` (0...10 000, i.e. 0 % to 100 %).
    public init(basisPoints: Int) {
        precondition((0...10_000).contains(basisPoints), "VATRate: \(basisPoints) basis points out of range")
        self.basisPoints = basisPoints
    }

    /// A rate of a whole number of percent: `VATRate(percent: 19)`.
    public init(percent: Int) {
        self.init(basisPoints: percent * 100)
    }

    /// 0 %.
    public static let zero = VATRate(basisPoints: 0)
    /// The German standard rate, 19 % (§12 (1) UStG).
    public static let germanStandard = VATRate(basisPoints: 1900)

    /// The VAT on an invoice whose total net is `net`, by the rounding rule above.
    public func tax(on net: Money) -> Money {
        Money.rounded(net.cents, times: basisPoints, per: 10_000, currency: net.currency)
    }

    /// The percentage without trailing zeros and with a full stop: `"19"`, `"0"`, `"7.5"`, `"19.25"`.
    public var percentText: String {
        let whole = basisPoints / 100
        let fraction = basisPoints % 100
        if fraction == 0 { return "\(whole)" }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Whether `lhs` is the lower rate.
    public static func < (lhs: VATRate, rhs: VATRate) -> Bool {
        lhs.basisPoints < rhs.basisPoints
    }

    /// The rate as a percentage, e.g. `19 %`.
    public var description: String { "\(percentText) %" }
}

extension Money {
    /// `value × factor / divisor` cents rounded to whole cents by the one rounding rule (half away from zero).
    ///
    /// Exact in 128 bits, so any `Int` operands work; `divisor` must be positive and the rounded result must fit
    /// an `Int` (10 000 for basis points, 100 000 for thousandths of a unit × 1/100 cent).
    public static func rounded(_ value: Int, times factor: Int, per divisor: Int, currency: Currency) -> Money {
        precondition(divisor > 0, "Money.rounded: divisor \(divisor) must be positive")
        let negative = (value < 0) != (factor < 0)
        let product = value.magnitude.multipliedFullWidth(by: factor.magnitude)
        let divisorMagnitude = UInt(divisor)
        precondition(product.high < divisorMagnitude, "Money.rounded: result out of range")
        let (quotient, remainder) = divisorMagnitude.dividingFullWidth(product)
        // Half or more of the divisor rounds up (compared without overflow: remainder ≥ divisor − remainder).
        let magnitude = remainder >= divisorMagnitude - remainder ? quotient + 1 : quotient
        precondition(magnitude <= UInt(Int.max), "Money.rounded: result out of range")
        let cents = Int(magnitude)
        return Money(cents: negative ? -cents : cents, currency: currency)
    }
}
