public import Domain
import Foundation

/// The seller as the imprint, the footer, receipts and the Organization JSON-LD show it.
///
/// The development default is clearly example data but complete (§ 5 DDG): name with legal form, a street address, the managing
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

    /// The development example seller (``SellerProfile/example``, marked "Beispiel").
    public static let codeZero = Company(seller: .example)

    /// The configured seller (`CODEZERO_SELLER_*`) as the site shows it; the register's last comma separates the
    /// court from the number (`Amtsgericht Berlin-Charlottenburg, HRB 123456 B`).
    public init(seller: SellerProfile) {
        var court = seller.register
        var number = ""
        if let comma = seller.register.lastIndex(of: ",") {
            court = String(seller.register[..<comma])
            number = seller.register[seller.register.index(after: comma)...].trimmedWhitespace
        }
        self.init(
            legalName: seller.name, street: seller.street, postalCode: seller.postalCode, city: seller.city,
            countryCode: seller.country, managingDirectors: seller.directors, email: seller.email, phone: seller.phone,
            registerCourt: court, registerNumber: number, vatId: seller.normalisedVATID)
    }

    /// The values the templates read under `company`.
    var templateValue: TemplateValue {
        [
            "legal_name": .text(legalName), "street": .text(street), "postal_code": .text(postalCode),
            "city": .text(city), "country_code": .text(countryCode), "managing_directors": .text(managingDirectors),
            "email": .text(email), "phone": .text(phone),
            "phone_link": .text("tel:" + phone.filter { $0 == "+" || $0.isNumber }),
            "register_court": .text(registerCourt), "register_number": .text(registerNumber), "vat_id": .text(vatId),
        ]
    }
}
