public import Domain

/// The site's words in both languages. Every key exists in every language (a test checks the parity), and every
/// `{{t.key}}` in a template exists here (another test checks that).
///
/// The tables are split by area (`Strings+Layout`, `+Marketing`, `+Legal`, `+Privacy`, `+Terms`, `+Portal`); each
/// area holds its German and its English table next to each other.
public enum Strings {
    /// The table for `language`.
    public static func table(for language: Language) -> [String: String] {
        switch language {
        case .de: return german
        case .en: return english
        }
    }

    /// The table for `language` as the templates' `t` object, built once per worker (a page would otherwise
    /// build an object of every string for each render).
    static func templateValue(for language: Language) -> TemplateValue {
        switch language {
        case .de: return germanTemplateValue
        case .en: return englishTemplateValue
        }
    }

    private static let germanTemplateValue = TemplateValue.strings(german)
    private static let englishTemplateValue = TemplateValue.strings(english)

    static let german: [String: String] = merged([
        layoutGerman, marketingGerman, legalGerman, privacyGerman, termsGerman, portalGerman, subscriptionsGerman,
        accountMailGerman, referralsGerman, invoicesGerman, selfServiceGerman, privacyPortalGerman, teamGerman,
        supportGerman,
    ])

    static let english: [String: String] = merged([
        layoutEnglish, marketingEnglish, legalEnglish, privacyEnglish, termsEnglish, portalEnglish,
        subscriptionsEnglish, accountMailEnglish, referralsEnglish, invoicesEnglish, selfServiceEnglish,
        privacyPortalEnglish, teamEnglish, supportEnglish,
    ])

    /// The union of `tables`; a key defined twice traps at start-up (a programmer error).
    private static func merged(_ tables: [[String: String]]) -> [String: String] {
        var result: [String: String] = [:]
        for table in tables {
            result.merge(table) { _, _ in preconditionFailure("Strings: a key is defined in two areas") }
        }
        return result
    }
}
