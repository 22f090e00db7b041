/// Prices configurations and credit packs from a ``Catalog`` for a buyer, German/EU VAT included.
///
/// Checks run in this order and the first broken rule is thrown: the country code, the package (known,
/// active), each add-on in the order given (not repeated, known, active, quantity in `1...maxQuantity`), then
/// the buyer's VAT ID by ``VATDecision/decide(buyerCountry:vatId:)``.
public struct Pricing: Sendable {
    /// What is for sale.
    public let catalog: Catalog

    /// A pricing over `catalog`.
    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// Quotes the base package `package` with `addons` for a buyer in the country `countryCode` (e.g. `"AT"`)
    /// with the VAT ID `vatId`, if any.
    public func quote(
        package: String, addons: [AddonSelection], countryCode: String, vatId: String?
    ) throws(DomainError) -> PriceQuote {
        try quote(package: package, addons: addons, buyerCountry: Country(code: countryCode), vatId: vatId)
    }

    /// Quotes the base package `package` with `addons` for a buyer in `buyerCountry` with the VAT ID `vatId`.
    public func quote(
        package packageId: String, addons selections: [AddonSelection], buyerCountry: Country, vatId: String?
    ) throws(DomainError) -> PriceQuote {
        guard let package = catalog.package(id: packageId) else { throw .unknownPackage(packageId) }
        guard package.isActive else { throw .inactiveItem(packageId) }
        var lines = [
            QuoteLine(
                id: package.id, kind: .package, name: package.name, interval: package.interval,
                unitNet: package.net, quantity: 1)
        ]
        var chosen = Set<String>()
        for selection in selections {
            guard chosen.insert(selection.id).inserted else { throw .duplicateAddon(selection.id) }
            guard let addon = catalog.addon(id: selection.id) else { throw .unknownAddon(selection.id) }
            guard addon.isActive else { throw .inactiveItem(addon.id) }
            guard (1...addon.maxQuantity).contains(selection.quantity) else {
                throw .quantityOutOfRange(addon: addon.id, quantity: selection.quantity, maximum: addon.maxQuantity)
            }
            lines.append(
                QuoteLine(
                    id: addon.id, kind: .addon, name: addon.name, interval: addon.interval, unitNet: addon.net,
                    quantity: selection.quantity))
        }
        let decision = try VATDecision.decide(buyerCountry: buyerCountry, vatId: vatId)
        return PriceQuote(lines: lines, currency: package.net.currency, vat: decision)
    }

    /// Quotes the credit pack `productId` for a buyer in the country `countryCode` with the VAT ID `vatId`.
    public func quoteCreditPack(
        productId: String, countryCode: String, vatId: String?
    ) throws(DomainError) -> CreditPackQuote {
        try quoteCreditPack(productId: productId, buyerCountry: Country(code: countryCode), vatId: vatId)
    }

    /// Quotes the credit pack `productId` for a buyer in `buyerCountry` with the VAT ID `vatId`: the pack must be
    /// known (``DomainError/unknownProduct(_:)``) and active, then VAT is decided as for any quote.
    public func quoteCreditPack(
        productId: String, buyerCountry: Country, vatId: String?
    ) throws(DomainError) -> CreditPackQuote {
        guard let product = catalog.creditProduct(id: productId) else { throw .unknownProduct(productId) }
        guard product.isActive else { throw .inactiveItem(productId) }
        let decision = try VATDecision.decide(buyerCountry: buyerCountry, vatId: vatId)
        return CreditPackQuote(product: product, vat: decision)
    }
}
