/// The net price of one metered unit, exact to 1/100 cent (4 decimals of a euro): 0.05 € a minute is 500.
///
/// A line total (``UsageQuantity`` × unit price) is exact in 1/100 000 cent and rounded to cents once, by
/// ``Money/rounded(_:times:per:currency:)`` (the one rounding rule, see ``VATRate``).
public struct UnitPrice: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The price in hundredths of a cent.
    public let hundredthsOfCent: Int
    /// The currency.
    public let currency: Currency

    /// The largest unit price accepted: 10 000 € per unit.
    public static let maximumHundredthsOfCent = 100_000_000

    /// A price of `hundredthsOfCent` (0...``maximumHundredthsOfCent``) hundredths of a cent.
    public init(hundredthsOfCent: Int, currency: Currency = .eur) {
        precondition(
            (0...Self.maximumHundredthsOfCent).contains(hundredthsOfCent), "UnitPrice: \(hundredthsOfCent) out of range"
        )
        self.hundredthsOfCent = hundredthsOfCent
        self.currency = currency
    }

    /// Parses a euro amount with up to 4 decimals, e.g. `"0.05"` or `"0.0375"`; nil for anything else (negative,
    /// more decimals, above the maximum).
    public static func parse(euros text: String, currency: Currency = .eur) -> UnitPrice? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 5,
            parts.count == 1 || (1...4).contains(parts[1].count),
            parts.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
            let whole = Int(parts[0])
        else { return nil }
        let decimals = parts.count == 2 ? String(parts[1]) : ""
        let fraction = Int(decimals + String(repeating: "0", count: 4 - decimals.count)) ?? 0
        let value = whole * 10_000 + fraction
        guard value <= maximumHundredthsOfCent else { return nil }
        return UnitPrice(hundredthsOfCent: value, currency: currency)
    }

    /// The exact total of `quantity` units, rounded to cents once by the one rounding rule.
    public func total(for quantity: UsageQuantity) -> Money {
        Money.rounded(quantity.thousandths, times: hundredthsOfCent, per: 100_000, currency: currency)
    }

    /// Whether `lhs` is the lower price (same currency assumed).
    public static func < (lhs: UnitPrice, rhs: UnitPrice) -> Bool {
        lhs.hundredthsOfCent < rhs.hundredthsOfCent
    }

    /// The price in euros with 4 decimals and a full stop: `0.0500`.
    public var euroText: String {
        let fraction = String(hundredthsOfCent % 10_000)
        return "\(hundredthsOfCent / 10_000)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }

    /// The price with its currency, e.g. `0.0500 EUR`.
    public var description: String { "\(euroText) \(currency.code)" }
}
