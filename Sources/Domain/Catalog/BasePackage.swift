/// A base package of the configurator: the service a configuration starts from. Prices are net.
public struct BasePackage: Sendable, Hashable, Identifiable {
    /// The stable id, e.g. `starter`.
    public let id: String
    /// The display name.
    public let name: LocalizedText
    /// What the package includes.
    public let description: LocalizedText
    /// The net price per ``interval``.
    public let net: Money
    /// Whether the price is charged once or monthly.
    public let interval: BillingInterval
    /// Whether the package is offered now; inactive packages cannot be quoted.
    public let isActive: Bool

    /// A package as stored in the catalog.
    public init(
        id: String, name: LocalizedText, description: LocalizedText, net: Money, interval: BillingInterval,
        isActive: Bool = true
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.net = net
        self.interval = interval
        self.isActive = isActive
    }
}
