/// The buyer as printed on an invoice (a snapshot of the billing profile when it was issued).
public struct BuyerParty: Sendable, Hashable {
    /// The buyer's legal name.
    public let legalName: String
    /// The billing address.
    public let address: PostalAddress
    /// The buyer's VAT ID; required for reverse charge (§14a (1) UStG), optional otherwise.
    public let vatId: String?
    /// The buyer reference (BT-10, Leitweg-ID or order reference), mandatory in XRechnung (BR-DE-15).
    public let buyerReference: String
    /// The buyer's electronic address for invoices (BT-49), an e-mail address.
    public let email: String

    /// A buyer.
    public init(legalName: String, address: PostalAddress, vatId: String?, buyerReference: String, email: String) {
        self.legalName = legalName
        self.address = address
        self.vatId = vatId
        self.buyerReference = buyerReference
        self.email = email
    }
}
