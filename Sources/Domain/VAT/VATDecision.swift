/// The VAT treatment of a sale of services by the German seller to a business buyer (REQUIREMENTS §1.1).
///
/// | buyer | VAT ID | decision |
/// |---|---|---|
/// | Germany | none, or a valid `DE` ID | 19 %, ``VATCategory/standard`` |
/// | other EU state | a valid ID of **that** state | 0 %, ``VATCategory/reverseCharge`` |
/// | other EU state | none | refused: ``DomainError/vatIdRequired(country:)`` (business buyers only) |
/// | any | invalid, or issued by another state | refused: ``DomainError/invalidVatId(_:)`` with the reason |
/// | outside the EU (`GB`, `XI`, `CH`, `US`, ...) | none, or not EU-prefixed | 0 %, ``VATCategory/outsideScope`` |
///
/// A VAT ID that is empty after normalisation counts as none. A buyer outside the EU who gives an ID with an
/// EU member-state prefix is refused as a country mismatch (the two facts contradict each other); any other
/// tax ID of such a buyer does not change the decision and is not checked here.
public struct VATDecision: Sendable, Hashable {
    /// The buyer's country, which decides the treatment.
    public let buyerCountry: Country
    /// The buyer's VAT ID, checked and normalised; `nil` when none was given or the buyer is outside the EU.
    public let buyerVatId: VATIdentifier?
    /// The category: standard, reverse charge or outside the scope.
    public let category: VATCategory
    /// The rate to apply to the invoice's total net.
    public let rate: VATRate

    /// Decides the treatment for a buyer in `buyerCountry` who gave `vatId` (or none).
    public static func decide(buyerCountry: Country, vatId: String?) throws(DomainError) -> VATDecision {
        let given = vatId.map(VATIdentifier.normalise).flatMap { $0.isEmpty ? nil : $0 }
        if buyerCountry.isGermany {
            var identifier: VATIdentifier?
            if let given { identifier = try VATIdentifier(given, buyerCountry: buyerCountry) }
            return VATDecision(buyerCountry, identifier, .standard, .germanStandard)
        }
        if buyerCountry.isEUMember {
            guard let given else { throw .vatIdRequired(country: buyerCountry) }
            let identifier = try VATIdentifier(given, buyerCountry: buyerCountry)
            return VATDecision(buyerCountry, identifier, .reverseCharge, .zero)
        }
        if let given, given.utf8.count >= 2, Country.memberState(vatPrefix: String(given.prefix(2))) != nil {
            throw .invalidVatId(.countryMismatch(buyerCountry: buyerCountry, vatPrefix: String(given.prefix(2))))
        }
        return VATDecision(buyerCountry, nil, .outsideScope, .zero)
    }

    /// Decides the treatment for a buyer whose country is given as a code, e.g. `"AT"`; an unknown code is
    /// ``DomainError/unknownCountry(_:)``.
    public static func decide(buyerCountryCode: String, vatId: String?) throws(DomainError) -> VATDecision {
        try decide(buyerCountry: Country(code: buyerCountryCode), vatId: vatId)
    }

    private init(_ country: Country, _ vatId: VATIdentifier?, _ category: VATCategory, _ rate: VATRate) {
        self.buyerCountry = country
        self.buyerVatId = vatId
        self.category = category
        self.rate = rate
    }

    /// Whether the buyer accounts for the VAT (reverse charge): true exactly for ``VATCategory/reverseCharge``.
    public var reverseCharge: Bool { category == .reverseCharge }

    /// The note the invoice must show, in German and English; `nil` when German VAT is charged.
    public var legalNote: LocalizedText? { category.legalNote }

    /// The VAT on an invoice whose total net is `net`, by the one rounding rule of ``VATRate/tax(on:)``.
    public func tax(on net: Money) -> Money {
        rate.tax(on: net)
    }
}
