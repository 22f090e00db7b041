/// The seller as printed on an invoice (a snapshot taken when it was issued; §14 (4) Nr. 1–2 UStG).
public struct SellerParty: Sendable, Hashable {
    /// The legal name, e.g. `Code Zero GmbH`.
    public let name: String
    /// The seller's address.
    public let address: PostalAddress
    /// The VAT ID (USt-IdNr.), e.g. `DE123456789`.
    public let vatId: String
    /// The tax number (Steuernummer) of the tax office; empty when only the VAT ID is printed.
    public let taxNumber: String
    /// The commercial register entry, e.g. `Amtsgericht Charlottenburg, HRB 123456 B`.
    public let register: String
    /// The managing directors (Geschäftsführer), comma-separated, e.g. `Erika Mustermann`.
    public let directors: String
    /// The address for invoice questions; also the seller's electronic address (BT-34) and contact (BG-6).
    public let email: String
    /// The contact telephone number, e.g. `+49 30 1234567`.
    public let phone: String
    /// The IBAN of the seller's account (BT-84), without spaces.
    public let iban: String
    /// The BIC of that account (BT-86); may be empty.
    public let bic: String

    /// A seller.
    public init(
        name: String, address: PostalAddress, vatId: String, taxNumber: String, register: String, directors: String,
        email: String, phone: String, iban: String, bic: String
    ) {
        self.name = name
        self.address = address
        self.vatId = vatId
        self.taxNumber = taxNumber
        self.register = register
        self.directors = directors
        self.email = email
        self.phone = phone
        self.iban = iban
        self.bic = bic
    }
}
