/// A validated sign-up: a buying company and its first user, who becomes the company's owner with the
/// `client` role.
///
/// ``validate(email:password:companyName:country:vatId:billingAddress:)`` checks every field and
/// reports all problems at once. The VAT rules are those of ``VATDecision``: a company in Germany may
/// give a `DE` VAT ID (checked when given), a company in another EU state must give a valid VAT ID of
/// that state, a company outside the EU needs none.
public struct Registration: Sendable, Hashable {
    /// The first user's e-mail address.
    public let email: EmailAddress
    /// The password, already checked against ``PasswordPolicy`` (hash it, never store it).
    public let password: String
    /// The company's legal name, trimmed.
    public let companyName: String
    /// The company's country.
    public let country: Country
    /// The company's VAT ID, normalised; `nil` when none was given (or the country is outside the EU).
    public let vatId: VATIdentifier?
    /// The billing address.
    public let billingAddress: BillingAddress

    /// The longest company name accepted.
    public static let maximumCompanyNameLength = 200

    /// Checks a sign-up form; the result is the registration or every field problem found.
    public static func validate(
        email rawEmail: String, password: String, companyName rawName: String, country rawCountry: String,
        vatId: String?, billingAddress: BillingAddress = BillingAddress(),
        policy: PasswordPolicy = .standard
    ) -> Result<Registration, RegistrationErrors> {
        var errors: [FieldError] = []
        var email: EmailAddress?
        switch EmailAddress.parse(rawEmail) {
        case .success(let parsed): email = parsed
        case .failure(.empty): errors.append(FieldError(field: "email", problem: .required))
        case .failure(let rejection): errors.append(FieldError(field: "email", problem: .invalidEmail(rejection)))
        }
        if let rejection = policy.check(password, email: email) {
            errors.append(FieldError(field: "password", problem: .weakPassword(rejection)))
        }
        let name = rawName.trimmedWhitespace
        if name.isEmpty {
            errors.append(FieldError(field: "company_name", problem: .required))
        } else {
            switch TextRule(maximumCharacters: maximumCompanyNameLength).violation(in: rawName) {
            case .controlCharacter?:
                errors.append(FieldError(field: "company_name", problem: .controlCharacter))
            case .tooLong? where name.count > maximumCompanyNameLength:
                errors.append(FieldError(field: "company_name", problem: .tooLong(maximum: maximumCompanyNameLength)))
            case .tooLong?, nil:
                break
            }
        }
        var decision: VATDecision?
        if rawCountry.trimmedWhitespace.isEmpty {
            errors.append(FieldError(field: "country", problem: .required))
        } else {
            do {
                decision = try VATDecision.decide(buyerCountryCode: rawCountry, vatId: vatId)
            } catch .unknownCountry(let code) {
                errors.append(FieldError(field: "country", problem: .rule(.unknownCountry(code))))
            } catch {
                errors.append(FieldError(field: "vat_id", problem: .rule(error)))
            }
        }
        errors += billingAddress.fieldErrors()
        guard errors.isEmpty, let email, let decision else { return .failure(RegistrationErrors(errors)) }
        return .success(
            Registration(
                email: email, password: password, companyName: name, country: decision.buyerCountry,
                vatId: decision.buyerVatId, billingAddress: billingAddress))
    }
}
