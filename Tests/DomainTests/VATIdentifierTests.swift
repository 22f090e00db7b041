import Testing

@testable import Domain

@Suite struct VATIdentifierTests {
    /// Parses `raw` and returns either the identifier or the rejection.
    private func parse(_ raw: String, buyer: Country? = nil) -> Result<VATIdentifier, DomainError> {
        Result { () throws(DomainError) in
            if let buyer { return try VATIdentifier(raw, buyerCountry: buyer) }
            return try VATIdentifier(raw)
        }
    }

    @Test(arguments: VATExample.all)
    func referenceVerdict(example: VATExample) throws {
        let state = try #require(example.memberState)
        switch (example.verdict, parse(example.id)) {
        case (.valid, .success(let identifier)):
            #expect(identifier.value == example.id)
            #expect(identifier.memberState == state)
        case (.checksum, .failure(.invalidVatId(.invalidChecksum(let country)))),
            (.format, .failure(.invalidVatId(.invalidFormat(let country)))):
            #expect(country == state)
        case (let verdict, let result):
            Issue.record("\(example.id): expected \(verdict), got \(result)")
        }
    }

    @Test(arguments: VATExample.all.filter { $0.verdict == .valid })
    func validExampleMatchesItsOwnCountry(example: VATExample) throws {
        let state = try #require(example.memberState)
        #expect((try? parse(example.id, buyer: state).get()) != nil)
    }

    @Test func everyMemberStateHasTwoValidAndTwoInvalidExamples() {
        for state in Country.euMemberStates {
            let examples = VATExample.all.filter { $0.memberState == state }
            #expect(examples.filter { $0.verdict == .valid }.count >= 2, "\(state)")
            #expect(examples.filter { $0.verdict != .valid }.count >= 2, "\(state)")
            #expect(examples.contains { $0.verdict == .checksum }, "\(state)")
        }
    }

    @Test(arguments: [
        ("de 136 695 976", "DE136695976"),
        ("DE-136.695.976", "DE136695976"),
        ("\tAT u13585627 ", "ATU13585627"),
        ("GR094259216", "EL094259216"),
        ("gr 094/259/216", "EL094259216"),
        ("nl004495445b01", "NL004495445B01"),
        ("FR 61 954 506 077", "FR61954506077"),
    ])
    func normalisesSeparatorsCaseAndGreekPrefix(raw: String, normalised: String) throws {
        #expect(VATIdentifier.normalise(raw) == normalised)
        let identifier = try parse(raw).get()
        #expect(identifier.value == normalised)
        #expect(identifier.description == normalised)
        #expect(identifier.prefix == String(normalised.prefix(2)))
        #expect(identifier.number == String(normalised.dropFirst(2)))
    }

    @Test func greekIdentifierBelongsToGreece() throws {
        let identifier = try parse("EL094259216").get()
        #expect(identifier.memberState.code == "GR")
        #expect(identifier.prefix == "EL")
        #expect((try? parse("GR094259216", buyer: Country(code: "GR")).get()) == identifier)
    }

    @Test(arguments: [
        ("", VATIdentifierRejection.empty),
        (" .-/ ", .empty),
        ("136695976", .missingCountryPrefix),
        ("D1", .missingCountryPrefix),
        ("U13585627", .missingCountryPrefix),
        ("D", .missingCountryPrefix),
        ("XI123456782", .notEUPrefix("XI")),
        ("GB980780684", .notEUPrefix("GB")),
        ("CHE123456789", .notEUPrefix("CH")),
        ("ÄT123", .missingCountryPrefix),
        ("DE", .invalidFormat(.germany)),
        ("DE13669597", .invalidFormat(.germany)),
        ("DE1366959760", .invalidFormat(.germany)),
        ("DE13669597X", .invalidFormat(.germany)),
        ("DE136695975", .invalidChecksum(.germany)),
    ])
    func rejectionTellsWhy(raw: String, reason: VATIdentifierRejection) {
        #expect(throws: DomainError.invalidVatId(reason)) { try VATIdentifier(raw) }
    }

    @Test(arguments: [
        ("ATU13585627", "DE", "AT"),
        ("DE136695976", "AT", "DE"),
        ("EL094259216", "CY", "EL"),
        ("ATU13585628", "DE", "AT"),
        ("ATX", "DE", "AT"),
    ])
    func prefixMustMatchBuyerCountryBeforeFormatIsChecked(raw: String, buyer: String, prefix: String) throws {
        let country = try Country(code: buyer)
        #expect(throws: DomainError.invalidVatId(.countryMismatch(buyerCountry: country, vatPrefix: prefix))) {
            try VATIdentifier(raw, buyerCountry: country)
        }
    }

    @Test func rejectionDescriptionsAreReadable() throws {
        let austria = try Country(code: "AT")
        #expect(VATIdentifierRejection.invalidChecksum(austria).description.contains("check digits"))
        #expect(VATIdentifierRejection.invalidFormat(austria).description.contains("format of AT"))
        #expect(VATIdentifierRejection.notEUPrefix("XI").description.contains("goods only"))
        #expect(
            VATIdentifierRejection.countryMismatch(buyerCountry: .germany, vatPrefix: "AT").description
                == "a VAT ID with prefix AT does not belong to a buyer in DE")
    }
}
