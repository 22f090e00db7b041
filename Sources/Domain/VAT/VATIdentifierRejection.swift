/// Why a VAT ID was refused, as a business fact.
///
/// The order of the checks is: something given → country prefix present → prefix of an EU member state
/// → prefix matches the buyer's country → the state's format → the state's checksum.
public enum VATIdentifierRejection: Sendable, Hashable, CustomStringConvertible {
    /// Nothing was left after normalisation.
    case empty
    /// The ID does not start with a two-letter country prefix.
    case missingCountryPrefix
    /// The prefix is not one of the 27 member-state VAT prefixes (e.g. `XI`, `GB`, `CH`). `XI` (Northern
    /// Ireland) is valid for goods only, so it is refused for services.
    case notEUPrefix(String)
    /// The ID belongs to another state than the buyer's country (e.g. an Austrian ID for a German buyer).
    case countryMismatch(buyerCountry: Country, vatPrefix: String)
    /// The number does not have the member state's format (length, characters, fixed parts, embedded date).
    case invalidFormat(Country)
    /// The number has the member state's format but its check digits are wrong.
    case invalidChecksum(Country)

    /// A plain English phrase, safe to show to a user.
    public var description: String {
        switch self {
        case .empty:
            "no VAT ID given"
        case .missingCountryPrefix:
            "a VAT ID starts with its two-letter country prefix, e.g. ATU12345678"
        case .notEUPrefix(let prefix):
            "'\(prefix)' is not the VAT prefix of an EU member state (XI is valid for goods only)"
        case .countryMismatch(let country, let prefix):
            "a VAT ID with prefix \(prefix) does not belong to a buyer in \(country.code)"
        case .invalidFormat(let country):
            "the number does not have the format of \(country.code) VAT IDs"
        case .invalidChecksum(let country):
            "the check digits of this \(country.code) VAT ID are wrong"
        }
    }
}
