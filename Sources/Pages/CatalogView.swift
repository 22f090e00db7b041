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
    func templateValue(in language: Language, strings: [String: String]) -> TemplateValue {
        [
            "packages": .list(packages.map { .object(Self.members(of: $0, in: language, strings: strings)) }),
            "addons": .list(addons.map { .object(Self.members(of: $0, in: language, strings: strings)) }),
        ]
    }

    /// A package's members: `id`, `name`, `description`, `price`, `interval` (the configurator adds its own).
    static func members(of package: BasePackage, in language: Language, strings: [String: String]) -> TemplateObject {
        [
            "id": .text(package.id), "name": .text(package.name.text(in: language)),
            "description": .text(package.description.text(in: language)),
            "price": .text(PriceFormat.text(package.net, in: language)),
            "interval": .text(intervalLabel(package.interval, strings: strings)),
        ]
    }

    /// An add-on's members: those of a package and `max_quantity`.
    static func members(of addon: Addon, in language: Language, strings: [String: String]) -> TemplateObject {
        [
            "id": .text(addon.id), "name": .text(addon.name.text(in: language)),
            "description": .text(addon.description.text(in: language)),
            "price": .text(PriceFormat.text(addon.net, in: language)),
            "interval": .text(intervalLabel(addon.interval, strings: strings)),
            "max_quantity": .number(addon.maxQuantity),
        ]
    }

    /// `einmalig` / `one-time`, `pro Monat` / `per month`.
    static func intervalLabel(_ interval: BillingInterval, strings: [String: String]) -> String {
        strings[interval == .monthly ? "interval_monthly" : "interval_one_time"] ?? interval.rawValue
    }
}
