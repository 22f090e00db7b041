/// The VAT category of a sale, by its UNCL 5305 code as used in EN 16931 / XRechnung (BT-118, BT-151).
public enum VATCategory: String, Sendable, Hashable, CaseIterable {
    /// `S`: standard rate, German VAT charged (German buyer).
    case standard = "S"
    /// `AE`: reverse charge; the buyer in another member state accounts for the VAT (Art. 196 VAT Directive).
    case reverseCharge = "AE"
    /// `O`: outside the scope of German VAT; the place of supply is a third country (§3a (2) UStG).
    case outsideScope = "O"

    /// The UNCL 5305 code: `S`, `AE` or `O`.
    public var code: String { rawValue }

    /// The note the invoice and the quote must show, in German and English; `nil` for the standard rate.
    public var legalNote: LocalizedText? {
        switch self {
        case .standard:
            nil
        case .reverseCharge:
            LocalizedText(
                de: "Steuerschuldnerschaft des Leistungsempfängers",
                en: "Reverse charge: VAT to be accounted for by the recipient")
        case .outsideScope:
            LocalizedText(de: "Nicht im Inland steuerbare Leistung", en: "Not taxable in Germany")
        }
    }

    /// The VATEX exemption reason code for e-invoices (BT-121): `VATEX-EU-AE`, `VATEX-EU-O`; `nil` for `S`.
    public var exemptionReasonCode: String? {
        switch self {
        case .standard: nil
        case .reverseCharge: "VATEX-EU-AE"
        case .outsideScope: "VATEX-EU-O"
        }
    }
}
