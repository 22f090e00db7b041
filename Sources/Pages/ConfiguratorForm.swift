public import Domain

/// The configurator's submitted form (a GET query or a POST body), parsed into a configuration.
///
/// Fields: `package` (a package id), `qty_<addon id>` (a quantity; empty or `0` means not chosen; a checkbox
/// sends `1`), `country` (ISO code) and `vat_id` (optional). Quantities that are not whole numbers are field
/// errors; everything else (unknown ids, ranges, VAT) is decided by ``Pricing`` so that the form and the quote
/// API apply exactly the same rules.
public struct ConfiguratorForm: Sendable, Hashable {
    /// The chosen package id (may be unknown; ``Pricing`` says so).
    public var package: String
    /// The chosen add-ons with a quantity of at least 1, in catalog order.
    public var addons: [AddonSelection]
    /// The buyer's country code as typed.
    public var country: String
    /// The VAT ID, `nil` when left empty.
    public var vatId: String?
    /// The raw values, echoed back into the form.
    public var values: [String: String]
    /// Field errors found while parsing (string keys by field name).
    public var errors: [String: String]

    /// Parses `values` against the add-ons of `catalog`.
    public init(values: [String: String], catalog: Catalog) {
        self.values = values
        package = (values["package"] ?? "").trimmedWhitespace
        country = (values["country"] ?? "").trimmedWhitespace
        let vat = (values["vat_id"] ?? "").trimmedWhitespace
        vatId = vat.isEmpty ? nil : vat
        var selections: [AddonSelection] = []
        var errors: [String: String] = [:]
        for addon in catalog.addons {
            let name = "qty_" + addon.id
            let raw = (values[name] ?? "").trimmedWhitespace
            if raw.isEmpty { continue }
            guard let quantity = Int(raw), quantity >= 0 else {
                errors[name] = "error_quantity"
                continue
            }
            if quantity > 0 { selections.append(AddonSelection(id: addon.id, quantity: quantity)) }
        }
        addons = selections
        self.errors = errors
    }

    /// Whether the visitor submitted the form at all (a package and a country are present).
    public var isSubmitted: Bool { !package.isEmpty || !country.isEmpty }

    /// The outcome of pricing this form: a quote, or the first rule it broke.
    public func price(with pricing: Pricing) -> Result<PriceQuote, DomainError> {
        Result { () throws(DomainError) in
            try pricing.quote(package: package, addons: addons, countryCode: country, vatId: vatId)
        }
    }
}
