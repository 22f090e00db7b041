import Testing

@testable import Domain

/// Credit packs are net prices; the buyer pays net + VAT under the same rules as any quote.
@Suite struct CreditPackQuoteTests {
    typealias F = CatalogFixtures

    static let charges: [(String, String, String?, Int, Int, Int, VATCategory)] = [
        ("credits_1", "DE", nil, 149, 28, 177, .standard),  // 28.31 → 28
        ("credits_5", "DE", nil, 699, 133, 832, .standard),  // 132.81 → 133
        ("credits_10", "DE", "DE136695976", 1299, 247, 1546, .standard),  // 246.81 → 247
        ("iza_pass", "DE", nil, 299, 57, 356, .standard),  // 56.81 → 57
        ("credits_5", "AT", "ATU13585627", 699, 0, 699, .reverseCharge),
        ("credits_5", "GR", "GR 094 259 216", 699, 0, 699, .reverseCharge),
        ("credits_5", "US", nil, 699, 0, 699, .outsideScope),
        ("credits_5", "GB", "GB980780684", 699, 0, 699, .outsideScope),
    ]

    @Test(arguments: charges)
    func chargesNetPlusVAT(
        product: String, country: String, vatId: String?, net: Int, vat: Int, gross: Int, category: VATCategory
    ) throws {
        let quote = try F.pricing.quoteCreditPack(productId: product, countryCode: country, vatId: vatId)
        #expect((quote.netCents, quote.vatCents, quote.grossCents) == (net, vat, gross))
        #expect(quote.vat.category == category)
        #expect(quote.reverseCharge == (category == .reverseCharge))
        #expect(quote.legalNote == category.legalNote)
        #expect(quote.vatRate.basisPoints == (category == .standard ? 1900 : 0))
        #expect(quote.currency == .eur)
        #expect(quote.product.id == product)
    }

    @Test func packGrantsItsCredits() throws {
        let credits = try ["credits_1", "credits_5", "credits_10", "iza_pass"].map { id in
            try F.pricing.quoteCreditPack(productId: id, buyerCountry: .germany, vatId: nil).credits
        }
        #expect(credits == [1, 5, 10, 2])
    }

    static let refusals: [(String, String, String?, DomainError)] = [
        ("credits_99", "DE", nil, .unknownProduct("credits_99")),
        ("starter", "DE", nil, .unknownProduct("starter")),
        ("credits_old", "DE", nil, .inactiveItem("credits_old")),
        ("credits_5", "IT", nil, .vatIdRequired(country: try! Country(code: "IT"))),
        ("credits_5", "IT", "IT00743110158", .invalidVatId(.invalidChecksum(try! Country(code: "IT")))),
        ("credits_5", "XK", nil, .unknownCountry("XK")),
    ]

    @Test(arguments: refusals)
    func refusesWithABusinessFact(product: String, country: String, vatId: String?, error: DomainError) {
        #expect(throws: error) {
            try F.pricing.quoteCreditPack(productId: product, countryCode: country, vatId: vatId)
        }
    }
}
