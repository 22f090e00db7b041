/// An ISO 4217 currency the shop prices in.
///
/// Only the euro is sold today; the type exists so that an amount never loses its currency.
public enum Currency: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The euro, ISO 4217 `EUR`, 100 cents to the unit.
    case eur = "EUR"

    /// Parses an ISO 4217 code such as `"EUR"` or `"eur"`; anything else is ``DomainError/unknownCurrency(_:)``.
    public init(code: String) throws(DomainError) {
        let upper = String(code.uppercasedASCII)
        guard let currency = Currency(rawValue: upper) else { throw .unknownCurrency(code) }
        self = currency
    }

    /// The ISO 4217 code, e.g. `EUR`.
    public var code: String { rawValue }

    /// Minor units per major unit (cents per euro).
    public var minorUnitsPerUnit: Int { 100 }

    /// The ISO 4217 code.
    public var description: String { rawValue }
}
