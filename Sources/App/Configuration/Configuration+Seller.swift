import Domain
import Settings

extension Configuration {
    /// The `CODEZERO_SELLER_*` variables, in the order `check-config` prints them.
    static let sellerFields = [
        "NAME", "STREET", "POSTCODE", "CITY", "COUNTRY", "VAT_ID", "TAX_NUMBER", "REGISTER", "DIRECTORS", "EMAIL",
        "PHONE", "IBAN", "BIC",
    ]

    /// The seller from `CODEZERO_SELLER_*`. None set: the example profile (visibly "Beispiel"), which production
    /// refuses (``productionRequirements``). Any set: every field is required and checked (VAT-ID checksum, IBAN
    /// mod-97, BIC shape).
    static func loadSeller(from reader: inout SettingsReader) -> SellerProfile {
        func value(_ field: String) -> String { reader.text("CODEZERO_SELLER_" + field) ?? "" }
        guard sellerFields.contains(where: { !value($0).isEmpty }) else { return .example }
        let seller = SellerProfile(
            name: value("NAME"), street: value("STREET"), postalCode: value("POSTCODE"), city: value("CITY"),
            country: value("COUNTRY").uppercased(), vatID: value("VAT_ID"), taxNumber: value("TAX_NUMBER"),
            register: value("REGISTER"), directors: value("DIRECTORS"), email: value("EMAIL"), phone: value("PHONE"),
            iban: value("IBAN"), bic: value("BIC").uppercased())
        for problem in seller.problems {
            reader.problem("CODEZERO_SELLER_" + problem.field, problem.message)
        }
        return seller
    }

    /// The seller's settings for `check-config` (nothing secret; the IBAN is shown in full as on every invoice).
    func sellerSettings() -> [(key: String, value: String)] {
        let values = [
            seller.name, seller.street, seller.postalCode, seller.city, seller.country, seller.vatID, seller.taxNumber,
            seller.register, seller.directors, seller.email, seller.phone, seller.iban, seller.bic,
        ]
        let suffix = seller.isExample ? " (example data: set CODEZERO_SELLER_* before issuing real invoices)" : ""
        return zip(Self.sellerFields, values).map { ("CODEZERO_SELLER_" + $0, $1 + suffix) }
    }
}
