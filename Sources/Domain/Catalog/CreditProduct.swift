/// A credit pack sold on its own, e.g. `credits_5`: 5 credits for 699 cents net. VAT is added by ``VATDecision``.
public struct CreditProduct: Sendable, Hashable, Identifiable {
    /// The stable product id, e.g. `credits_5`, `iza_pass`.
    public let id: String
    /// The credits granted when the pack is paid.
    public let credits: Int
    /// The net price.
    public let net: Money
    /// Whether the pack is sold now; inactive packs cannot be quoted.
    public let isActive: Bool

    /// A credit pack as stored in the catalog.
    public init(id: String, credits: Int, net: Money, isActive: Bool = true) {
        self.id = id
        self.credits = credits
        self.net = net
        self.isActive = isActive
    }
}
