/// A business rule that a request broke, stated as a fact.
///
/// This is the one error type of the `Domain` module. `App` maps each case to an HTTP status in one place;
/// the ``description`` is plain English that is safe to show to a user.
public enum DomainError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The country code is not an ISO 3166-1 alpha-2 code (after trimming and upper-casing).
    case unknownCountry(String)
    /// The currency code is not one that the shop prices in.
    case unknownCurrency(String)
    /// A buyer in an EU member state other than Germany gave no VAT ID; the shop sells to businesses only.
    case vatIdRequired(country: Country)
    /// The VAT ID given was rejected, for the reason stated.
    case invalidVatId(VATIdentifierRejection)
    /// No base package with this id exists in the catalog.
    case unknownPackage(String)
    /// No add-on with this id exists in the catalog.
    case unknownAddon(String)
    /// No credit product with this id exists.
    case unknownProduct(String)
    /// The package, add-on or product exists but is not sold at the moment.
    case inactiveItem(String)
    /// The add-on was requested with a quantity outside `1...maximum`.
    case quantityOutOfRange(addon: String, quantity: Int, maximum: Int)
    /// The same add-on appears more than once in one configuration.
    case duplicateAddon(String)
    /// Catalog data breaks an invariant (duplicate id, negative price, maximum quantity below 1, ...).
    case invalidCatalog(String)
    /// An invoice document is incomplete or its amounts do not add up (a data or programming error).
    case invalidInvoice(String)

    /// A plain English sentence, safe to show to a user.
    public var description: String {
        switch self {
        case .unknownCountry(let code):
            "Unknown country code '\(code)'."
        case .unknownCurrency(let code):
            "Unknown currency '\(code)'."
        case .vatIdRequired(let country):
            "A VAT ID of \(country.code) is required: we sell to businesses only."
        case .invalidVatId(let reason):
            "Invalid VAT ID: \(reason)."
        case .unknownPackage(let id):
            "Unknown package '\(id)'."
        case .unknownAddon(let id):
            "Unknown add-on '\(id)'."
        case .unknownProduct(let id):
            "Unknown product '\(id)'."
        case .inactiveItem(let id):
            "'\(id)' is not available at the moment."
        case .quantityOutOfRange(let id, let quantity, let maximum):
            "Quantity \(quantity) of '\(id)' is outside 1...\(maximum)."
        case .duplicateAddon(let id):
            "Add-on '\(id)' is listed more than once."
        case .invalidCatalog(let detail):
            "Invalid catalog: \(detail)."
        case .invalidInvoice(let detail):
            "Invalid invoice: \(detail)."
        }
    }
}
