import Testing

@testable import Domain

@Suite struct RegistrationTests {
    static func validate(
        email: String = "owner@firma.de", password: String = "Lange Passphrase 42", name: String = "Muster GmbH",
        country: String = "DE", vatId: String? = nil, address: BillingAddress = BillingAddress()
    ) -> Result<Registration, RegistrationErrors> {
        Registration.validate(
            email: email, password: password, companyName: name, country: country, vatId: vatId,
            billingAddress: address)
    }

    @Test(
        arguments: [
            ("DE", nil, nil), ("de", "DE 136 695 976", "DE136695976"), ("AT", "ATU13585627", "ATU13585627"),
            ("US", nil, nil), ("CH", "CHE-123.456.789", nil), ("GB", nil, nil),
        ] as [(String, String?, String?)])
    func acceptsCompaniesByTheVATRules(country: String, vatId: String?, stored: String?) throws {
        let registration = try Self.validate(country: country, vatId: vatId).get()
        #expect(registration.country.code == country.uppercased())
        #expect(registration.vatId?.value == stored)
        #expect(registration.companyName == "Muster GmbH")
        #expect(registration.email.normalized == "owner@firma.de")
    }

    @Test(
        arguments: [
            ("AT", nil, "vat_id"), ("FR", "", "vat_id"), ("AT", "ATU13585628", "vat_id"),
            ("AT", "DE136695976", "vat_id"),
            ("DE", "DE136695977", "vat_id"), ("US", "ATU13585627", "vat_id"), ("XX", nil, "country"),
            ("", nil, "country"),
        ] as [(String, String?, String)])
    func refusesCountryAndVATProblems(country: String, vatId: String?, field: String) {
        guard case .failure(let errors) = Self.validate(country: country, vatId: vatId) else {
            Issue.record("accepted \(country) \(vatId ?? "nil")")
            return
        }
        #expect(errors.fieldNames == [field])
    }

    @Test func anEUCompanyWithoutVATIDIsToldItIsRequired() {
        guard case .failure(let errors) = Self.validate(country: "AT") else { Issue.record("accepted"); return }
        #expect(
            errors.fields == [
                FieldError(
                    field: "vat_id",
                    problem: .rule(.vatIdRequired(country: Country.euMemberStates.first { $0.code == "AT" }!)))
            ])
    }

    @Test func reportsEveryProblemAtOnce() {
        let long = String(repeating: "x", count: 201)
        let address = BillingAddress(street: long, postalCode: String(repeating: "1", count: 21), city: "Berlin")
        guard
            case .failure(let errors) = Self.validate(
                email: "nope", password: "short", name: "  ", country: "AT", address: address)
        else { Issue.record("accepted"); return }
        #expect(
            errors.fieldNames == [
                "email", "password", "company_name", "vat_id", "billing_address.street", "billing_address.postal_code",
            ])
        #expect(errors.fields[1].problem == .weakPassword(.tooShort(minimum: 8)))
        #expect(errors.fields[4].problem == .tooLong(maximum: 200))
    }

    @Test func refusesCommonPasswordsAndTheEmailAsPassword() {
        guard case .failure(let common) = Self.validate(password: "Password123") else { Issue.record("ok"); return }
        #expect(common.fields == [FieldError(field: "password", problem: .weakPassword(.tooCommon))])
        guard case .failure(let same) = Self.validate(password: "OWNER@firma.de") else { Issue.record("ok"); return }
        #expect(same.fields == [FieldError(field: "password", problem: .weakPassword(.matchesEmail))])
    }

    @Test func billingAddressIsTrimmedAndCompletenessReported() throws {
        let address = BillingAddress(street: " Hauptstr. 1 ", extra: "  ", postalCode: "10115", city: "Berlin")
        #expect(address.street == "Hauptstr. 1")
        #expect(address.extra == nil)
        #expect(address.isComplete)
        #expect(!BillingAddress(street: "Hauptstr. 1").isComplete)
        let registration = try Self.validate(address: address).get()
        #expect(registration.billingAddress == address)
    }
}
