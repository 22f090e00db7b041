import Testing

@testable import Domain

@Suite struct PricingTests {
    typealias F = CatalogFixtures

    /// starter (monthly 499.00) + 3 × extra_user (monthly 9.90) + onboarding (one-time 299.00).
    private let configuration = [AddonSelection(id: "extra_user", quantity: 3), AddonSelection(id: "onboarding")]

    @Test func germanBuyerPaysNineteenPercentOnTheTotal() throws {
        let quote = try F.pricing.quote(package: "starter", addons: configuration, countryCode: "DE", vatId: nil)
        #expect(quote.lines.map(\.id) == ["starter", "extra_user", "onboarding"])
        #expect(quote.lines.map(\.kind) == [.package, .addon, .addon])
        #expect(quote.lines.map(\.quantity) == [1, 3, 1])
        #expect(quote.lines.map(\.unitNet) == [.eur(49_900), .eur(990), .eur(29_900)])
        #expect(quote.lines.map(\.lineNet) == [.eur(49_900), .eur(2_970), .eur(29_900)])
        #expect(quote.lines.map(\.interval) == [.monthly, .monthly, .oneTime])
        #expect(quote.lines[1].name == F.extraUser.name)
        #expect(quote.monthly == QuoteTotals(net: .eur(52_870), rate: .germanStandard))
        #expect(quote.monthly.vat == .eur(10_045))  // 10 045.3
        #expect(quote.monthly.gross == .eur(62_915))
        #expect(quote.oneTime.net == .eur(29_900))
        #expect(quote.oneTime.vat == .eur(5_681))
        #expect(quote.firstPayment.net == .eur(82_770))
        #expect(quote.firstPayment.vat == .eur(15_726))  // 15 726.3
        #expect(quote.firstPayment.gross == .eur(98_496))
        #expect((quote.netCents, quote.vatCents, quote.grossCents) == (82_770, 15_726, 98_496))
        #expect(quote.vatRate == .germanStandard)
        #expect(quote.currency == .eur)
        #expect(!quote.reverseCharge)
        #expect(quote.legalNote == nil)
        #expect(quote.vat.category == .standard)
        #expect(quote.isRecurring)
    }

    @Test func euBusinessWithValidVATIDPaysNetUnderReverseCharge() throws {
        let quote = try F.pricing.quote(
            package: "starter", addons: configuration, countryCode: "AT", vatId: "ATU 135 856 27")
        #expect((quote.netCents, quote.vatCents, quote.grossCents) == (82_770, 0, 82_770))
        #expect(quote.vatRate == .zero)
        #expect(quote.reverseCharge)
        #expect(quote.vat.category == .reverseCharge)
        #expect(quote.vat.buyerVatId?.value == "ATU13585627")
        #expect(quote.legalNote?.de == "Steuerschuldnerschaft des Leistungsempfängers")
        #expect(quote.monthly.gross == .eur(52_870))
    }

    @Test func buyerOutsideTheEUPaysNetNotTaxableInGermany() throws {
        let quote = try F.pricing.quote(
            package: "starter", addons: configuration, buyerCountry: Country(code: "CH"), vatId: nil)
        #expect((quote.netCents, quote.vatCents, quote.grossCents) == (82_770, 0, 82_770))
        #expect(!quote.reverseCharge)
        #expect(quote.vat.category == .outsideScope)
        #expect(quote.legalNote?.en == "Not taxable in Germany")
    }

    @Test func vatIsRoundedOnceOnTheTotalNotPerLine() throws {
        // probe 1.50 (28.5 ct VAT) + half_euro 0.50 (9.5 ct): per line 29 + 10 = 39, on the total 2.00 → 38.
        let quote = try F.pricing.quote(
            package: "probe", addons: [AddonSelection(id: "half_euro")], countryCode: "DE", vatId: nil)
        #expect((quote.netCents, quote.vatCents, quote.grossCents) == (200, 38, 238))
    }

    @Test(arguments: [(1, 50, 10), (2, 100, 19), (3, 150, 29), (5, 250, 48)])
    func halfCentCasesRoundUp(quantity: Int, addonNet: Int, addonVat: Int) throws {
        // setup: 149 900 × 19 % = 28 481.00 exactly, so only the add-on part rounds.
        let quote = try F.pricing.quote(
            package: "setup", addons: [AddonSelection(id: "half_euro", quantity: quantity)], countryCode: "DE",
            vatId: nil)
        #expect(quote.netCents == 149_900 + addonNet)
        #expect(quote.vatCents == 28_481 + addonVat)
        #expect(quote.grossCents == quote.netCents + quote.vatCents)
    }

    @Test func oneTimeAndMonthlyTotalsAreEachRoundedOnTheirOwnNet() throws {
        // probe one-time 1.50 → 28.5 → 29; half_euro_monthly 0.50 → 9.5 → 10; first payment 2.00 → 38.
        let quote = try F.pricing.quote(
            package: "probe", addons: [AddonSelection(id: "half_euro_monthly")], countryCode: "DE", vatId: nil)
        #expect(quote.oneTime == QuoteTotals(net: .eur(150), rate: .germanStandard))
        #expect(quote.oneTime.vat == .eur(29))
        #expect(quote.monthly.vat == .eur(10))
        #expect(quote.firstPayment.vat == .eur(38))
        #expect(quote.firstPayment.gross == .eur(238))
    }

    @Test func packageAloneHasOnlyItsInterval() throws {
        let monthly = try F.pricing.quote(package: "starter", addons: [], countryCode: "DE", vatId: nil)
        #expect(monthly.oneTime.net.isZero && monthly.oneTime.gross.isZero)
        #expect(monthly.monthly.gross == .eur(59_381))
        #expect(monthly.firstPayment == monthly.monthly)
        let oneTime = try F.pricing.quote(package: "setup", addons: [], countryCode: "DE", vatId: nil)
        #expect(oneTime.monthly.net.isZero)
        #expect(oneTime.firstPayment == oneTime.oneTime)
        #expect(!oneTime.isRecurring)
        #expect(oneTime.lines.count == 1)
    }

    static let refusals: [(String, [AddonSelection], String, String?, DomainError)] = [
        ("nope", [], "DE", nil, .unknownPackage("nope")),
        ("retired", [], "DE", nil, .inactiveItem("retired")),
        ("starter", [AddonSelection(id: "nope")], "DE", nil, .unknownAddon("nope")),
        ("starter", [AddonSelection(id: "legacy")], "DE", nil, .inactiveItem("legacy")),
        (
            "starter", [AddonSelection(id: "extra_user", quantity: 0)], "DE", nil,
            .quantityOutOfRange(addon: "extra_user", quantity: 0, maximum: 10)
        ),
        (
            "starter", [AddonSelection(id: "extra_user", quantity: -1)], "DE", nil,
            .quantityOutOfRange(addon: "extra_user", quantity: -1, maximum: 10)
        ),
        (
            "starter", [AddonSelection(id: "extra_user", quantity: 11)], "DE", nil,
            .quantityOutOfRange(addon: "extra_user", quantity: 11, maximum: 10)
        ),
        (
            "starter", [AddonSelection(id: "onboarding", quantity: 2)], "DE", nil,
            .quantityOutOfRange(addon: "onboarding", quantity: 2, maximum: 1)
        ),
        (
            "starter", [AddonSelection(id: "onboarding"), AddonSelection(id: "onboarding")], "DE", nil,
            .duplicateAddon("onboarding")
        ),
        ("starter", [AddonSelection(id: "nope"), AddonSelection(id: "nope")], "DE", nil, .unknownAddon("nope")),
        ("starter", [], "FR", nil, .vatIdRequired(country: try! Country(code: "FR"))),
        ("starter", [], "FR", "FR61954506078", .invalidVatId(.invalidChecksum(try! Country(code: "FR")))),
        (
            "starter", [], "FR", "DE136695976",
            .invalidVatId(.countryMismatch(buyerCountry: try! Country(code: "FR"), vatPrefix: "DE"))
        ),
        ("starter", [], "XX", nil, .unknownCountry("XX")),
        // The first broken rule wins: country, package, add-ons, then the VAT ID.
        ("nope", [], "XX", nil, .unknownCountry("XX")),
        ("nope", [AddonSelection(id: "nope")], "FR", nil, .unknownPackage("nope")),
        ("starter", [AddonSelection(id: "legacy")], "FR", nil, .inactiveItem("legacy")),
    ]

    @Test(arguments: refusals)
    func refusesWithABusinessFact(
        package: String, addons: [AddonSelection], country: String, vatId: String?, error: DomainError
    ) {
        #expect(throws: error) {
            try F.pricing.quote(package: package, addons: addons, countryCode: country, vatId: vatId)
        }
    }
}
