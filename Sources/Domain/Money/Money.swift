/// An amount of money: an integer number of minor units (cents) and its ``Currency``. Never floating point.
///
/// Amounts of different currencies are never combined: adding or subtracting them is a
/// programmer error and traps; equality includes the currency.
/// The one rounding rule lives in ``VATRate/tax(on:)``.
public struct Money: Sendable, Hashable, CustomStringConvertible {
    /// The amount in minor units (cents for EUR); negative for credits and refunds.
    public let cents: Int
    /// The currency of ``cents``.
    public let currency: Currency

    /// An amount of `cents` minor units of `currency`.
    public init(cents: Int, currency: Currency) {
        self.cents = cents
        self.currency = currency
    }

    /// An amount in euro cents: `Money.eur(699)` is 6.99 EUR.
    public static func eur(_ cents: Int) -> Money {
        Money(cents: cents, currency: .eur)
    }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money {
        Money(cents: 0, currency: currency)
    }

    /// Whether the amount is exactly zero.
    public var isZero: Bool { cents == 0 }

    /// The sum of two amounts of the same currency.
    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "Money: adding \(lhs.currency) and \(rhs.currency)")
        return Money(cents: lhs.cents + rhs.cents, currency: lhs.currency)
    }

    /// The difference of two amounts of the same currency.
    public static func - (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "Money: subtracting \(rhs.currency) from \(lhs.currency)")
        return Money(cents: lhs.cents - rhs.cents, currency: lhs.currency)
    }

    /// The amount taken `quantity` times (a line total: unit price × quantity). Exact, no rounding.
    public static func * (lhs: Money, quantity: Int) -> Money {
        Money(cents: lhs.cents * quantity, currency: lhs.currency)
    }

    /// The amount with its sign flipped.
    public static prefix func - (amount: Money) -> Money {
        Money(cents: -amount.cents, currency: amount.currency)
    }

    /// The sum of `amounts`, all in `currency`; zero when empty.
    public static func sum(_ amounts: some Sequence<Money>, currency: Currency) -> Money {
        amounts.reduce(.zero(currency), +)
    }

    /// The amount as a plain decimal and the currency code, e.g. `6.99 EUR`, `-0.05 EUR`.
    public var description: String {
        "\(decimalString) \(currency.code)"
    }

    /// The amount as a plain decimal with a full stop and two decimals, e.g. `6.99`, `-0.05`, `1299.00`.
    public var decimalString: String {
        let perUnit = currency.minorUnitsPerUnit
        let magnitude = cents.magnitude
        let units = magnitude / UInt(perUnit)
        let minor = magnitude % UInt(perUnit)
        let minorText = minor < 10 ? "0\(minor)" : "\(minor)"
        return "\(cents < 0 ? "-" : "")\(units).\(minorText)"
    }
}
