/// Code Zero as the seller on every invoice and on the imprint (§14 (4) Nr. 1–2 UStG, §5 DDG), from the
/// `CODEZERO_SELLER_*` configuration. An invoice stores a snapshot of it when it is issued.
public struct SellerProfile: Sendable, Hashable {
    /// The legal name with its legal form (`Code Zero GmbH`).
    public var name: String
    /// Street and number.
    public var street: String
    /// The postal code.
    public var postalCode: String
    /// The city.
    public var city: String
    /// The country code (ISO 3166-1 alpha-2), `DE` for the German seller.
    public var country: String
    /// The VAT ID (USt-IdNr.), e.g. `DE136695976`.
    public var vatID: String
    /// The tax number (Steuernummer) given by the tax office.
    public var taxNumber: String
    /// The commercial register: court and number (`Amtsgericht Berlin-Charlottenburg, HRB 123456 B`).
    public var register: String
    /// The managing directors, as printed.
    public var directors: String
    /// The contact e-mail address.
    public var email: String
    /// The contact telephone number.
    public var phone: String
    /// The bank account for transfers.
    public var iban: String
    /// The bank's BIC.
    public var bic: String
    /// Whether this is the development example (every page and document that shows it says "Beispiel").
    public var isExample: Bool

    /// A seller profile.
    public init(
        name: String, street: String, postalCode: String, city: String, country: String, vatID: String,
        taxNumber: String, register: String, directors: String, email: String, phone: String, iban: String,
        bic: String, isExample: Bool = false
    ) {
        self.name = name
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.country = country
        self.vatID = vatID
        self.taxNumber = taxNumber
        self.register = register
        self.directors = directors
        self.email = email
        self.phone = phone
        self.iban = iban
        self.bic = bic
        self.isExample = isExample
    }

    /// The development default: visibly example data ("Beispiel"), with check digits that pass so that
    /// documents made from it validate.
    public static let example = SellerProfile(
        name: "German Code Zero AI GmbH", street: "Beispielstraße 42", postalCode: "10115", city: "Berlin",
        country: "DE", vatID: "DE136695976", taxNumber: "27/000/00000 (Beispiel)",
        register: "Amtsgericht Berlin-Charlottenburg, HRB 999999 B (Beispiel)",
        directors: "Erika Mustermann, Max Beispiel", email: "kontakt@codezero.example", phone: "+49 30 1234567-0",
        iban: "DE89370400440532013000", bic: "COBADEFFXXX", isExample: true)

    /// One configuration problem: the field (the part after `CODEZERO_SELLER_`) and what is wrong.
    public struct Problem: Sendable, Hashable {
        /// The field, e.g. `VAT_ID`.
        public let field: String
        /// What is wrong, in English.
        public let message: String
    }

    /// Every problem of this profile: required fields, the country, the VAT ID's format and checksum (by
    /// ``VATIdentifier``, which must belong to the seller's country), the IBAN's mod-97 check and the BIC's shape.
    public var problems: [Problem] {
        var problems: [Problem] = []
        let required: [(String, String)] = [
            ("NAME", name), ("STREET", street), ("POSTCODE", postalCode), ("CITY", city), ("COUNTRY", country),
            ("VAT_ID", vatID), ("TAX_NUMBER", taxNumber), ("REGISTER", register), ("DIRECTORS", directors),
            ("EMAIL", email), ("PHONE", phone), ("IBAN", iban), ("BIC", bic),
        ]
        for (field, value) in required where value.trimmedWhitespace.isEmpty {
            problems.append(Problem(field: field, message: "is required"))
        }
        for (field, value) in required where value.count > 200 {
            problems.append(Problem(field: field, message: "is longer than 200 characters"))
        }
        var sellerCountry: Country?
        do {
            sellerCountry = try Country(code: country)
        } catch {
            problems.append(Problem(field: "COUNTRY", message: "is not an ISO 3166-1 alpha-2 country code"))
        }
        if let sellerCountry, !vatID.isEmpty {
            do {
                _ = try VATIdentifier(vatID, buyerCountry: sellerCountry)
            } catch {
                problems.append(Problem(field: "VAT_ID", message: "is not a valid VAT ID of \(sellerCountry.code)"))
            }
        }
        if !iban.isEmpty, IBAN(iban) == nil {
            problems.append(Problem(field: "IBAN", message: "fails the IBAN check (shape or mod-97 check digits)"))
        }
        let bicBytes = Array(bic.utf8)
        if !bic.isEmpty,
            !(bicBytes.count == 8 || bicBytes.count == 11)
                || !bicBytes.allSatisfy({ $0.isASCIIDigit || $0.isASCIIUppercaseLetter })
                || !bicBytes[0..<6].allSatisfy(\.isASCIIUppercaseLetter)
        {
            problems.append(Problem(field: "BIC", message: "must be 8 or 11 letters and digits (ISO 9362)"))
        }
        if !email.isEmpty, !email.contains("@") {
            problems.append(Problem(field: "EMAIL", message: "is not an e-mail address"))
        }
        return problems
    }

    /// The VAT ID normalised (no spaces, upper case), as printed and put into e-invoices.
    public var normalisedVATID: String { VATIdentifier.normalise(vatID) }
}
