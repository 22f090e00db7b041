public import Domain

/// What the site needs to know about each of the Domain's languages.
extension Language {
    /// The language's name in itself, for the language switch.
    public var endonym: String {
        switch self {
        case .de: "Deutsch"
        case .en: "English"
        }
    }

    /// The Open Graph locale, e.g. `de_DE`.
    public var openGraphLocale: String {
        switch self {
        case .de: "de_DE"
        case .en: "en_GB"
        }
    }
}
