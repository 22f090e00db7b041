/// The seller as the imprint, the footer, receipts and the Organization JSON-LD show it.
///
/// The default is clearly fictional but complete (§ 5 DDG): name with legal form, a street address, the managing
/// directors, e-mail and phone, register court and number, VAT ID.
public struct Company: Sendable, Hashable {
    /// The name with its legal form.
    public var legalName: String
    /// Street and number.
    public var street: String
    /// Postal code.
    public var postalCode: String
    /// City.
    public var city: String
    /// ISO country code of the address.
    public var countryCode: String
    /// Managing directors, comma-separated.
    public var managingDirectors: String
    /// Contact e-mail.
    public var email: String
    /// Contact phone, international format.
    public var phone: String
    /// The register court, e.g. `Amtsgericht Berlin-Charlottenburg`.
    public var registerCourt: String
    /// The register number, e.g. `HRB 999999 B`.
    public var registerNumber: String
    /// The VAT ID (§ 27a UStG).
    public var vatId: String

    /// A company with every field given.
    public init(
        legalName: String, street: String, postalCode: String, city: String, countryCode: String,
        managingDirectors: String, email: String, phone: String, registerCourt: String, registerNumber: String,
        vatId: String
    ) {
        self.legalName = legalName
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.countryCode = countryCode
        self.managingDirectors = managingDirectors
        self.email = email
        self.phone = phone
        self.registerCourt = registerCourt
        self.registerNumber = registerNumber
        self.vatId = vatId
    }

    /// The fictional seller used on the site.
    public static let codeZero = Company(
        legalName: "German Code Zero AI GmbH", street: "Beispielstraße 42", postalCode: "10115", city: "Berlin",
        countryCode: "DE", managingDirectors: "Erika Mustermann, Max Beispiel", email: "kontakt@codezero.example",
        phone: "+49 30 1234567-0", registerCourt: "Amtsgericht Berlin-Charlottenburg",
        registerNumber: "HRB 999999 B", vatId: "DE136695976")

    /// The values the templates read under `company`.
    var context: [String: Any] {
        [
            "legal_name": legalName, "street": street, "postal_code": postalCode, "city": city,
            "country_code": countryCode, "managing_directors": managingDirectors, "email": email, "phone": phone,
            "phone_link": "tel:" + phone.filter { $0 == "+" || $0.isNumber }, "register_court": registerCourt,
            "register_number": registerNumber, "vat_id": vatId,
        ]
    }
}
