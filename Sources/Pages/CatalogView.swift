public import Domain

/// The active packages and add-ons of a ``Catalog`` as the services, pricing and configurator pages show them.
public struct CatalogView: Sendable {
    /// The catalog shown (inactive items are left out).
    public let catalog: Catalog

    /// A view of `catalog`.
    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// The active packages, in catalog order.
    public var packages: [BasePackage] { catalog.packages.filter(\.isActive) }
    /// The active add-ons, in catalog order.
    public var addons: [Addon] { catalog.addons.filter(\.isActive) }

    /// The template values: `packages` and `addons` with names, descriptions and prices in `language`.
    func context(in language: Language, strings: [String: String]) -> [String: Any] {
        [
            "packages": packages.map { package -> [String: Any] in
                [
                    "id": package.id, "name": package.name.text(in: language),
                    "description": package.description.text(in: language),
                    "price": PriceFormat.text(package.net, in: language),
                    "interval": CatalogView.intervalLabel(package.interval, strings: strings),
                ]
            },
            "addons": addons.map { addon -> [String: Any] in
                [
                    "id": addon.id, "name": addon.name.text(in: language),
                    "description": addon.description.text(in: language),
                    "price": PriceFormat.text(addon.net, in: language),
                    "interval": CatalogView.intervalLabel(addon.interval, strings: strings),
                    "max_quantity": addon.maxQuantity,
                ]
            },
        ]
    }

    /// `einmalig` / `one-time`, `pro Monat` / `per month`.
    static func intervalLabel(_ interval: BillingInterval, strings: [String: String]) -> String {
        strings[interval == .monthly ? "interval_monthly" : "interval_one_time"] ?? interval.rawValue
    }
}
