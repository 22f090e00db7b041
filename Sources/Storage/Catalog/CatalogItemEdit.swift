public import Domain

/// What staff change on a package or add-on: names, descriptions (both languages), the net price per unit in
/// cents and whether it can be ordered. The id, currency and interval stay (a new item is a new id).
public struct CatalogItemEdit: Sendable, Hashable {
    /// Which table.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `catalog_packages`.
        case package
        /// `catalog_addons`.
        case addon
    }

    /// The kind of item.
    public var kind: Kind
    /// The item id.
    public var id: String
    /// The names.
    public var name: LocalizedText
    /// The descriptions.
    public var description: LocalizedText
    /// The net price per unit and interval in cents.
    public var netCents: Int
    /// Whether it can be ordered.
    public var isActive: Bool

    /// An edit.
    public init(
        kind: Kind, id: String, name: LocalizedText, description: LocalizedText, netCents: Int, isActive: Bool
    ) {
        self.kind = kind
        self.id = id
        self.name = name
        self.description = description
        self.netCents = netCents
        self.isActive = isActive
    }
}
