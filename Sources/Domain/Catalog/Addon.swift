/// An add-on to a base package, bought in a quantity from 1 up to ``maxQuantity``. Prices are net, per unit.
public struct Addon: Sendable, Hashable, Identifiable {
    /// The stable id, e.g. `extra_seat`.
    public let id: String
    /// The display name.
    public let name: LocalizedText
    /// What the add-on adds.
    public let description: LocalizedText
    /// The net price of one unit per ``interval``.
    public let net: Money
    /// Whether the price is charged once or monthly.
    public let interval: BillingInterval
    /// The largest quantity one configuration may hold (1 for an on/off add-on).
    public let maxQuantity: Int
    /// Whether the add-on is offered now; inactive add-ons cannot be quoted.
    public let isActive: Bool

    /// An add-on as stored in the catalog.
    public init(
        id: String, name: LocalizedText, description: LocalizedText, net: Money, interval: BillingInterval,
        maxQuantity: Int, isActive: Bool = true
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.net = net
        self.interval = interval
        self.maxQuantity = maxQuantity
        self.isActive = isActive
    }
}
