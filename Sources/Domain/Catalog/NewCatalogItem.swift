/// A catalog item staff create (issue 13 item 6): a package, an add-on or a credit pack, checked by ``validate``
/// before anything is written. Prices are net integer cents per unit and interval; names (and, for packages and
/// add-ons, descriptions) exist in German and English. A monthly package or add-on is also a plan: its first list
/// price version has the item's price as base fee (the included units per metric come with it).
public struct NewCatalogItem: Sendable, Hashable {
    /// What kind of item, with the table it lives in.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A base package (`catalog_packages`).
        case package
        /// An add-on (`catalog_addons`).
        case addon
        /// A credit pack (`billing_products`).
        case creditPack = "credit_pack"
    }

    /// Why a field was refused; `rawValue` is the API's error code.
    public enum Rejection: String, Sendable, Hashable {
        /// Missing or empty.
        case required
        /// Longer than allowed.
        case tooLong = "too_long"
        /// Not a slug: lower-case letters, digits and `_`, starting with a letter, 2 to 64 characters.
        case invalidID = "invalid_id"
        /// A number outside its range.
        case outOfRange = "out_of_range"
        /// Not allowed for this kind (e.g. a monthly credit pack).
        case notApplicable = "not_applicable"
    }

    /// The kind.
    public var kind: Kind
    /// The new id (a slug, unique across packages, add-ons and credit packs).
    public var id: String
    /// The name in both languages.
    public var name: LocalizedText
    /// The description in both languages (empty for credit packs, which have none).
    public var description: LocalizedText
    /// Net cents per unit and interval.
    public var netCents: Int
    /// One-off or monthly (credit packs are one-off).
    public var interval: BillingInterval
    /// The most units of an add-on one order may hold (1 for the others).
    public var maxQuantity: Int
    /// The credits a pack grants (0 for the others).
    public var credits: Int

    /// An item as typed; ``validate`` says whether it may be stored.
    public init(
        kind: Kind, id: String, name: LocalizedText, description: LocalizedText = LocalizedText(de: "", en: ""),
        netCents: Int, interval: BillingInterval = .oneTime, maxQuantity: Int = 1, credits: Int = 0
    ) {
        self.kind = kind
        self.id = id
        self.name = name
        self.description = description
        self.netCents = netCents
        self.interval = interval
        self.maxQuantity = maxQuantity
        self.credits = credits
    }

    /// The highest net price accepted, in cents (1,000,000 €).
    public static let maximumNetCents = 100_000_000
    /// The longest name.
    public static let maximumNameLength = 200
    /// The longest description.
    public static let maximumDescriptionLength = 2_000
    /// The most credits one pack grants.
    public static let maximumCredits = 1_000_000
    /// The highest `maxQuantity` of an add-on.
    public static let maximumAddonQuantity = 1_000

    /// Whether `id` is a slug the catalog accepts.
    public static func isSlug(_ id: String) -> Bool {
        let scalars = Array(id.unicodeScalars)
        guard (2...64).contains(scalars.count), let first = scalars.first, ("a"..."z").contains(first) else {
            return false
        }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Every problem, by field name (`id`, `name_de`, `name_en`, `description_de`, `description_en`, `net_cents`,
    /// `interval`, `max_quantity`, `credits`); empty when the item may be stored.
    public func validate() -> [String: Rejection] {
        var problems: [String: Rejection] = [:]
        if id.isEmpty {
            problems["id"] = .required
        } else if !Self.isSlug(id) {
            problems["id"] = .invalidID
        }
        let texts: [(String, String, Int)] =
            [("name_de", name.de, Self.maximumNameLength), ("name_en", name.en, Self.maximumNameLength)]
            + (kind == .creditPack
                ? []
                : [
                    ("description_de", description.de, Self.maximumDescriptionLength),
                    ("description_en", description.en, Self.maximumDescriptionLength),
                ])
        for (field, text, maximum) in texts {
            if text.allSatisfy(\.isWhitespace) {
                problems[field] = .required
            } else if text.unicodeScalars.count > maximum {
                problems[field] = .tooLong
            }
        }
        if !(0...Self.maximumNetCents).contains(netCents) { problems["net_cents"] = .outOfRange }
        switch kind {
        case .package:
            break
        case .addon:
            if !(1...Self.maximumAddonQuantity).contains(maxQuantity) { problems["max_quantity"] = .outOfRange }
        case .creditPack:
            if interval != .oneTime { problems["interval"] = .notApplicable }
            if !(1...Self.maximumCredits).contains(credits) { problems["credits"] = .outOfRange }
        }
        return problems
    }
}
