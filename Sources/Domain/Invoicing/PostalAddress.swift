/// A postal address as an invoice shows it: one street line, postcode, city and country.
public struct PostalAddress: Sendable, Hashable {
    /// Street and house number, e.g. `Hauptstr. 1`.
    public let street: String
    /// The postcode, e.g. `10115`; may be empty where a country has none.
    public let postcode: String
    /// The city, e.g. `Berlin`.
    public let city: String
    /// The country.
    public let country: Country

    /// An address.
    public init(street: String, postcode: String, city: String, country: Country) {
        self.street = street
        self.postcode = postcode
        self.city = city
        self.country = country
    }
}
