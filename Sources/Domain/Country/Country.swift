/// A country by its ISO 3166-1 alpha-2 code, with what VAT needs to know about it.
///
/// Only assigned ISO 3166-1 codes are accepted (case and surrounding white space are forgiven), plus `XI`
/// (Northern Ireland). `EL` is not a country code: Greece is `GR`, and `EL` is only its VAT prefix.
/// For services, `GB` and `XI` are third countries; so is every territory with its own ISO code outside
/// the 27 member-state codes (e.g. `AX`, `RE`, `MC`), which the tax adviser should confirm case by case.
public struct Country: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The upper-case alpha-2 code, e.g. `DE`, `GR`, `US`.
    public let code: String

    /// Parses a country code such as `"de"` or `" AT "`; unknown codes are ``DomainError/unknownCountry(_:)``.
    public init(code: String) throws(DomainError) {
        let upper = code.trimmedWhitespace.uppercasedASCII
        guard Country.iso3166Alpha2.contains(upper) || Country.extraCodes.contains(upper) else {
            throw .unknownCountry(code)
        }
        self.code = upper
    }

    private init(known code: String) {
        self.code = code
    }

    /// Germany, the seller's country.
    public static let germany = Country(known: "DE")

    /// The 27 EU member states, sorted by code.
    public static let euMemberStates: [Country] = euMemberStateCodes.map(Country.init(known:))

    /// Whether this is Germany.
    public var isGermany: Bool { code == "DE" }

    /// Whether this is one of the 27 EU member states (the VAT area for services).
    public var isEUMember: Bool { Country.euMemberStateCodes.contains(code) }

    /// The prefix of this member state's VAT IDs (`EL` for Greece, else the country code); `nil` outside the EU.
    public var vatPrefix: String? {
        guard isEUMember else { return nil }
        return code == "GR" ? "EL" : code
    }

    /// The member state whose VAT IDs carry `prefix` (`EL` → Greece); `nil` for any other prefix,
    /// including `GR`, `XI` and `GB`.
    public static func memberState(vatPrefix prefix: String) -> Country? {
        euMemberStates.first { $0.vatPrefix == prefix }
    }

    /// Orders countries by code.
    public static func < (lhs: Country, rhs: Country) -> Bool {
        lhs.code < rhs.code
    }

    /// The code, e.g. `DE`.
    public var description: String { code }
}
