public import Domain

/// A credit pack as stored in `billing_products`: the domain product plus its display names.
public struct CreditProductRecord: Sendable, Hashable {
    /// The product (id, credits, net price, active flag).
    public let product: CreditProduct
    /// Display name in German and English.
    public let name: LocalizedText

    /// Creates a record.
    public init(product: CreditProduct, name: LocalizedText) {
        self.product = product
        self.name = name
    }
}
