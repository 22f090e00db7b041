/// Everything the shop sells: base packages, add-ons and credit packs, checked for consistency once.
///
/// The values come from the database (`Storage` loads them); the catalog only checks invariants: ids are
/// non-empty and unique across all three kinds, prices are not negative, an add-on allows at least one unit,
/// a credit pack grants at least one credit. All prices are in one currency (today only EUR exists; adding
/// amounts of different currencies traps).
public struct Catalog: Sendable, Hashable {
    /// The base packages, in display order.
    public let packages: [BasePackage]
    /// The add-ons, in display order.
    public let addons: [Addon]
    /// The credit packs, in display order.
    public let creditProducts: [CreditProduct]

    /// A catalog of the given items; throws ``DomainError/invalidCatalog(_:)`` naming the first broken item.
    public init(
        packages: [BasePackage] = [], addons: [Addon] = [], creditProducts: [CreditProduct] = []
    ) throws(DomainError) {
        var seen = Set<String>()
        let entries =
            packages.map { ($0.id, $0.net) } + addons.map { ($0.id, $0.net) } + creditProducts.map { ($0.id, $0.net) }
        for (id, net) in entries {
            guard !id.isEmpty else { throw .invalidCatalog("an item has an empty id") }
            guard seen.insert(id).inserted else { throw .invalidCatalog("id '\(id)' is used twice") }
            guard net.cents >= 0 else { throw .invalidCatalog("'\(id)' has a negative price") }
        }
        if let addon = addons.first(where: { $0.maxQuantity < 1 }) {
            throw .invalidCatalog("add-on '\(addon.id)' allows no unit")
        }
        if let product = creditProducts.first(where: { $0.credits < 1 }) {
            throw .invalidCatalog("credit product '\(product.id)' grants no credit")
        }
        self.packages = packages
        self.addons = addons
        self.creditProducts = creditProducts
    }

    /// The base package with `id`, active or not.
    public func package(id: String) -> BasePackage? {
        packages.first { $0.id == id }
    }

    /// The add-on with `id`, active or not.
    public func addon(id: String) -> Addon? {
        addons.first { $0.id == id }
    }

    /// The credit pack with `id`, active or not.
    public func creditProduct(id: String) -> CreditProduct? {
        creditProducts.first { $0.id == id }
    }
}
