/// One line of a ``PriceQuote``: a package or an add-on, its unit price and quantity. Amounts are net.
public struct QuoteLine: Sendable, Hashable {
    /// Whether the line is the base package or an add-on.
    public enum Kind: String, Sendable, Hashable {
        /// The configuration's base package (always quantity 1, always the first line).
        case package
        /// An add-on.
        case addon
    }

    /// The catalog id of the package or add-on.
    public let id: String
    /// Package or add-on.
    public let kind: Kind
    /// The display name in German and English.
    public let name: LocalizedText
    /// Whether the line is charged once or monthly.
    public let interval: BillingInterval
    /// The net price of one unit.
    public let unitNet: Money
    /// The number of units.
    public let quantity: Int
    /// ``unitNet`` × ``quantity``, exact.
    public let lineNet: Money

    /// A line of `quantity` units at `unitNet`.
    public init(id: String, kind: Kind, name: LocalizedText, interval: BillingInterval, unitNet: Money, quantity: Int) {
        self.id = id
        self.kind = kind
        self.name = name
        self.interval = interval
        self.unitNet = unitNet
        self.quantity = quantity
        self.lineNet = unitNet * quantity
    }
}
