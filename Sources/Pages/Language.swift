/// The site's languages. German is the company's home language; English is complete too.
public enum Language: String, CaseIterable, Sendable {
    case de
    case en

    /// The language's name in itself, for the language switch.
    public var endonym: String {
        switch self {
        case .de: return "Deutsch"
        case .en: return "English"
        }
    }
}
