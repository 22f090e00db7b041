import Domain
import Pages
import Settings
import Testing

@testable import App

/// `CODEZERO_SELLER_*`: the seller on invoices and the imprint, checked by `check-config`.
@Suite struct SellerConfigurationTests {
    /// A complete, valid seller.
    static let seller = [
        "CODEZERO_SELLER_NAME": "Code Zero GmbH", "CODEZERO_SELLER_STREET": "Hauptstr. 1",
        "CODEZERO_SELLER_POSTCODE": "10115", "CODEZERO_SELLER_CITY": "Berlin", "CODEZERO_SELLER_COUNTRY": "de",
        "CODEZERO_SELLER_VAT_ID": "DE 136 695 976", "CODEZERO_SELLER_TAX_NUMBER": "27/123/45678",
        "CODEZERO_SELLER_REGISTER": "Amtsgericht Berlin-Charlottenburg, HRB 123456 B",
        "CODEZERO_SELLER_DIRECTORS": "Erika Muster", "CODEZERO_SELLER_EMAIL": "rechnung@codezero.de",
        "CODEZERO_SELLER_PHONE": "+49 30 1234567", "CODEZERO_SELLER_IBAN": "DE89 3704 0044 0532 0130 00",
        "CODEZERO_SELLER_BIC": "cobadeffxxx",
    ]

    static func load(_ environment: [String: String]) -> Result<Configuration, ConfigurationError> {
        Result { () throws(ConfigurationError) in
            try Configuration.load(
                environment: environment.merging(["CODEZERO_ENV": "development"]) { $1 }, workingDirectory: "/srv")
        }
    }

    @Test func aCompleteSellerIsReadAndShownOnTheImprint() throws {
        let configuration = try Self.load(Self.seller).get()
        #expect(configuration.seller.name == "Code Zero GmbH" && !configuration.seller.isExample)
        #expect(configuration.seller.normalisedVATID == "DE136695976" && configuration.seller.country == "DE")
        let company = Company(seller: configuration.seller)
        #expect(
            company.registerCourt == "Amtsgericht Berlin-Charlottenburg" && company.registerNumber == "HRB 123456 B")
        let settings = Dictionary(uniqueKeysWithValues: configuration.effectiveSettings().map { ($0.key, $0.value) })
        #expect(settings["CODEZERO_SELLER_NAME"] == "Code Zero GmbH")
        #expect(Set(Configuration.environmentKeys).isSuperset(of: Self.seller.keys))
    }

    @Test func noSellerMeansTheMarkedExampleInDevelopment() throws {
        let configuration = try Self.load([:]).get()
        #expect(configuration.seller == .example && configuration.seller.isExample)
        #expect(configuration.seller.register.contains("Beispiel"))
        let settings = configuration.effectiveSettings().filter { $0.key.hasPrefix("CODEZERO_SELLER_") }
        #expect(settings.count == 13 && settings.allSatisfy { $0.value.contains("example data") })
    }

    @Test(arguments: [
        ("CODEZERO_SELLER_VAT_ID", "DE136695977"),  // checksum
        ("CODEZERO_SELLER_VAT_ID", "ATU13585627"),  // another country's ID
        ("CODEZERO_SELLER_IBAN", "DE89 3704 0044 0532 0130 01"),  // mod-97
        ("CODEZERO_SELLER_IBAN", "DE89"),
        ("CODEZERO_SELLER_BIC", "COBA"),
        ("CODEZERO_SELLER_COUNTRY", "XX"),
        ("CODEZERO_SELLER_CITY", " "),
        ("CODEZERO_SELLER_EMAIL", "no-at-sign"),
    ])
    func aWrongSellerFieldIsNamed(key: String, value: String) {
        let result = Self.load(Self.seller.merging([key: value]) { $1 })
        guard case .failure(let error) = result else {
            Issue.record("\(key)=\(value) was accepted")
            return
        }
        #expect(error.problems.map(\.key).contains(key))
    }

    @Test func ibanAndVATIDChecksAgreeWithPublishedExamples() {
        #expect(IBAN("GB82 WEST 1234 5698 7654 32")?.value == "GB82WEST12345698765432")
        #expect(IBAN("DE89370400440532013000")?.printed == "DE89 3704 0044 0532 0130 00")
        #expect(IBAN("GB82 WEST 1234 5698 7654 33") == nil)
        #expect(SellerProfile.example.problems.isEmpty)
    }
}
