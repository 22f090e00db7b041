/// The legal basis of a processing under Art. 6 (1) GDPR, with the statute that imposes an obligation.
public enum LegalBasis: Sendable, Hashable {
    /// (a) consent.
    case consent
    /// (b) performance of a contract or steps before entering into one.
    case contract
    /// (c) a legal obligation; `statutes` names the law (e.g. "§ 147 AO") in both languages.
    case legalObligation(statutes: [LocalizedText])
    /// (f) a legitimate interest (named in the privacy page's text of the data class).
    case legitimateInterest

    /// The letter of Art. 6 (1) GDPR: "a", "b", "c" or "f".
    public var letter: String {
        switch self {
        case .consent: "a"
        case .contract: "b"
        case .legalObligation: "c"
        case .legitimateInterest: "f"
        }
    }

    /// The statutes of a legal obligation (empty for the other bases).
    public var statutes: [LocalizedText] {
        if case .legalObligation(let statutes) = self { return statutes }
        return []
    }

    /// A German statute, cited the same way in both languages (e.g. "§ 147 AO").
    public static func statute(_ citation: String) -> LocalizedText { LocalizedText(de: citation, en: citation) }
}
