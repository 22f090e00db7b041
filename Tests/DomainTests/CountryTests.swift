import Testing

@testable import Domain

@Suite struct CountryTests {
    @Test(arguments: [
        ("DE", "DE"), ("de", "DE"), (" at ", "AT"), ("Gr", "GR"), ("us", "US"), ("GB", "GB"), ("XI", "XI"),
    ])
    func parsesCodesForgivingCaseAndSpace(raw: String, code: String) throws {
        #expect(try Country(code: raw).code == code)
        #expect(try Country(code: raw).description == code)
    }

    @Test(arguments: ["", "ZZ", "EL", "UK", "EU", "DEU", "D", "D E", "1A", "ÄT"])
    func unknownCodesAreRefused(raw: String) {
        #expect(throws: DomainError.unknownCountry(raw)) { try Country(code: raw) }
    }

    @Test func theEUHasTwentySevenMemberStates() {
        let codes = Country.euMemberStates.map(\.code)
        #expect(codes.count == 27)
        #expect(Set(codes).count == 27)
        #expect(codes == codes.sorted())
        #expect(
            codes == [
                "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
                "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
            ])
        #expect(Country.euMemberStates.allSatisfy { $0.isEUMember })
    }

    @Test(arguments: ["GB", "XI", "CH", "NO", "US", "IS", "LI", "AX", "RE", "MC"])
    func thirdCountriesAreNotMembers(code: String) throws {
        let country = try Country(code: code)
        #expect(!country.isEUMember)
        #expect(country.vatPrefix == nil)
    }

    @Test func greeceUsesVATPrefixEL() throws {
        let greece = try Country(code: "GR")
        #expect(greece.vatPrefix == "EL")
        #expect(Country.memberState(vatPrefix: "EL") == greece)
        #expect(Country.memberState(vatPrefix: "GR") == nil)
        #expect(Country.memberState(vatPrefix: "XI") == nil)
        #expect(Country.memberState(vatPrefix: "GB") == nil)
        #expect(Country.memberState(vatPrefix: "AT")?.code == "AT")
    }

    @Test func germanyIsTheSellersCountry() throws {
        #expect(Country.germany == (try Country(code: "de")))
        #expect(Country.germany.isGermany)
        #expect(Country.germany.isEUMember)
        #expect(!(try Country(code: "AT")).isGermany)
    }

    @Test func allAssignedISOCodesAreKnown() {
        #expect(Country.iso3166Alpha2.count == 249)
        #expect(Country.iso3166Alpha2.allSatisfy { $0.utf8.count == 2 && $0.utf8.allSatisfy(\.isASCIIUppercaseLetter) })
        #expect(Set(Country.euMemberStateCodes).isSubset(of: Country.iso3166Alpha2))
    }
}
