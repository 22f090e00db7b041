import Testing

@testable import Domain

/// Every branch of the VAT matrix (REQUIREMENTS §1.1), as a table.
@Suite struct VATDecisionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        enum Expected: Sendable {
            case decided(VATCategory, basisPoints: Int, vatId: String?)
            case refused(DomainError)

            static func standard(_ vatId: String? = nil) -> Expected {
                .decided(.standard, basisPoints: 1900, vatId: vatId)
            }
            static func reverseCharge(_ vatId: String) -> Expected {
                .decided(.reverseCharge, basisPoints: 0, vatId: vatId)
            }
            static let outsideScope = Expected.decided(.outsideScope, basisPoints: 0, vatId: nil)
        }
        let country: String
        let vatId: String?
        let expected: Expected

        init(_ country: String, _ vatId: String?, _ expected: Expected) {
            self.country = country
            self.vatId = vatId
            self.expected = expected
        }

        var testDescription: String { "\(country) \(vatId ?? "nil")" }
    }

    static let germany = Country.germany
    static let austria = try! Country(code: "AT")
    static let us = try! Country(code: "US")

    static let cases: [Case] = [
        // German buyer: 19 %, VAT ID optional, but if given a valid DE one.
        Case("DE", nil, .standard()),
        Case("de", "", .standard()),
        Case("DE", " - ", .standard()),
        Case("DE", "DE136695976", .standard("DE136695976")),
        Case("DE", "de 136.695.976", .standard("DE136695976")),
        Case("DE", "DE136695975", .refused(.invalidVatId(.invalidChecksum(germany)))),
        Case("DE", "DE12345", .refused(.invalidVatId(.invalidFormat(germany)))),
        Case("DE", "ATU13585627", .refused(.invalidVatId(.countryMismatch(buyerCountry: germany, vatPrefix: "AT")))),
        // Other EU state with a valid VAT ID of that state: 0 %, reverse charge.
        Case("AT", "ATU13585627", .reverseCharge("ATU13585627")),
        Case("at", "atu 135 856 27", .reverseCharge("ATU13585627")),
        Case("GR", "EL094259216", .reverseCharge("EL094259216")),
        Case("GR", "GR094259216", .reverseCharge("EL094259216")),
        Case("FR", "FR61954506077", .reverseCharge("FR61954506077")),
        Case("NL", "NL000099998B57", .reverseCharge("NL000099998B57")),
        // EU buyer without a VAT ID: refused, business customers only.
        Case("AT", nil, .refused(.vatIdRequired(country: austria))),
        Case("AT", "", .refused(.vatIdRequired(country: austria))),
        Case("AT", "  ", .refused(.vatIdRequired(country: austria))),
        // EU buyer with an invalid or another state's VAT ID: refused with the reason.
        Case("AT", "ATU13585628", .refused(.invalidVatId(.invalidChecksum(austria)))),
        Case("AT", "ATU1358562", .refused(.invalidVatId(.invalidFormat(austria)))),
        Case("AT", "DE136695976", .refused(.invalidVatId(.countryMismatch(buyerCountry: austria, vatPrefix: "DE")))),
        Case("AT", "XI123456782", .refused(.invalidVatId(.notEUPrefix("XI")))),
        Case("AT", "13585627", .refused(.invalidVatId(.missingCountryPrefix))),
        // Outside the EU: 0 %, not taxable in Germany; GB and XI are third countries for services.
        Case("US", nil, .outsideScope),
        Case("CH", "CHE-123.456.788 MWST", .outsideScope),
        Case("GB", "GB980780684", .outsideScope),
        Case("XI", "XI980780684", .outsideScope),
        Case("NO", "", .outsideScope),
        Case("US", "DE136695976", .refused(.invalidVatId(.countryMismatch(buyerCountry: us, vatPrefix: "DE")))),
        // Unknown country codes.
        Case("ZZ", nil, .refused(.unknownCountry("ZZ"))),
        Case("EL", "EL094259216", .refused(.unknownCountry("EL"))),
        Case("", nil, .refused(.unknownCountry(""))),
    ]

    @Test(arguments: cases)
    func decides(testCase: Case) {
        let result = Result { () throws(DomainError) in
            try VATDecision.decide(buyerCountryCode: testCase.country, vatId: testCase.vatId)
        }
        switch (testCase.expected, result) {
        case (.decided(let category, let basisPoints, let vatId), .success(let decision)):
            #expect(decision.category == category)
            #expect(decision.rate.basisPoints == basisPoints)
            #expect(decision.buyerVatId?.value == vatId)
            #expect(decision.buyerCountry.code == testCase.country.uppercasedASCII)
            #expect(decision.reverseCharge == (category == .reverseCharge))
            #expect(decision.legalNote == category.legalNote)
        case (.refused(let expected), .failure(let error)):
            #expect(error == expected)
        case (let expected, let result):
            Issue.record("expected \(expected), got \(result)")
        }
    }

    @Test func categoriesCarryCodesAndBilingualNotes() {
        #expect(VATCategory.standard.code == "S")
        #expect(VATCategory.reverseCharge.code == "AE")
        #expect(VATCategory.outsideScope.code == "O")
        #expect(VATCategory.standard.legalNote == nil)
        #expect(VATCategory.standard.exemptionReasonCode == nil)
        #expect(VATCategory.reverseCharge.legalNote?.de == "Steuerschuldnerschaft des Leistungsempfängers")
        #expect(VATCategory.reverseCharge.legalNote?.en == "Reverse charge: VAT to be accounted for by the recipient")
        #expect(VATCategory.reverseCharge.exemptionReasonCode == "VATEX-EU-AE")
        #expect(VATCategory.outsideScope.legalNote?.text(in: .de) == "Nicht im Inland steuerbare Leistung")
        #expect(VATCategory.outsideScope.legalNote?.text(in: .en) == "Not taxable in Germany")
        #expect(VATCategory.outsideScope.exemptionReasonCode == "VATEX-EU-O")
    }

    static let taxCases: [(String, String?, Int, Int)] = [
        ("DE", nil, 699, 133), ("DE", nil, 50, 10), ("AT", "ATU13585627", 699, 0), ("US", nil, 699, 0),
    ]

    @Test(arguments: taxCases)
    func taxUsesTheDecidedRate(country: String, vatId: String?, net: Int, vat: Int) throws {
        let decision = try VATDecision.decide(buyerCountryCode: country, vatId: vatId)
        #expect(decision.tax(on: .eur(net)) == .eur(vat))
    }

    @Test func everyMemberStateOtherThanGermanyNeedsAVATID() throws {
        for state in Country.euMemberStates where !state.isGermany {
            #expect(throws: DomainError.vatIdRequired(country: state)) {
                try VATDecision.decide(buyerCountry: state, vatId: nil)
            }
        }
    }
}
