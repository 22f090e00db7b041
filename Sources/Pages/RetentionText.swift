import Domain

/// The retention table (``Domain/RetentionSchedule``) in words: the rows of the privacy page's retention section
/// and the periods the privacy texts cite with a `[[period:<data class>]]` marker, so the page can only say what
/// the retention job does.
enum RetentionText {
    /// The marker a privacy text uses for the period of `dataClass`.
    static func marker(_ dataClass: DataClass) -> String { "[[period:\(dataClass.rawValue)]]" }

    /// `strings` with every period marker replaced by the period of its data class in `language`.
    static func resolving(_ strings: [String: String], in language: Language) -> [String: String] {
        strings.mapValues { text in
            guard text.contains("[[period:") else { return text }
            var resolved = text
            for rule in RetentionSchedule.rules {
                resolved = resolved.replacing(marker(rule.dataClass), with: period(rule, in: language))
            }
            return resolved
        }
    }

    /// The site's strings in `language` with the periods resolved, as the templates' `t` object (built once per
    /// language and worker).
    static func resolvedTemplateValue(in language: Language) -> TemplateValue {
        language == .de ? resolvedGerman : resolvedEnglish
    }

    private static let resolvedGerman = TemplateValue.strings(resolving(Strings.table(for: .de), in: .de))
    private static let resolvedEnglish = TemplateValue.strings(resolving(Strings.table(for: .en), in: .en))

    /// The table's rows for the privacy page.
    static func rows(in language: Language) -> TemplateValue {
        .list(
            RetentionSchedule.rules.map { rule in
                [
                    "id": .text(rule.dataClass.rawValue), "name": .text(rule.name.text(in: language)),
                    "purpose": .text(rule.purpose.text(in: language)), "basis": .text(basis(rule.basis, in: language)),
                    "period": .text(period(rule, in: language)), "end": .text(end(rule.end, in: language)),
                ]
            })
    }

    /// The period of `rule` in words, e.g. "14 Tage", "3 years after it ends".
    static func period(_ rule: RetentionRule, in language: Language) -> String {
        let german = language == .de
        let amount: String
        switch rule.period {
        case .days(let days):
            amount = german ? "\(days) \(days == 1 ? "Tag" : "Tage")" : "\(days) \(days == 1 ? "day" : "days")"
        case .years(let years):
            amount = german ? "\(years) \(years == 1 ? "Jahr" : "Jahre")" : "\(years) \(years == 1 ? "year" : "years")"
        case .untilErasure: return german ? "bis zur Löschung des Kontos" : "until the account is erased"
        }
        switch rule.start {
        case .recorded: return amount
        case .ended:
            if rule.period == .days(0) { return german ? "bis zu ihrem Ende" : "until it ends" }
            return german ? "\(amount) nach ihrem Ende" : "\(amount) after it ends"
        case .endOfYear:
            return german ? "\(amount) ab Ende des Kalenderjahres" : "\(amount) from the end of the calendar year"
        case .erasure: return german ? "bis zur Löschung des Kontos" : "until the account is erased"
        }
    }

    /// The legal basis in words, e.g. "Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 147 AO".
    static func basis(_ basis: LegalBasis, in language: Language) -> String {
        let article = language == .de ? "Art. 6 Abs. 1 lit. \(basis.letter) DSGVO" : "Art. 6 (1)(\(basis.letter)) GDPR"
        let statutes = basis.statutes.map { $0.text(in: language) }
        guard !statutes.isEmpty else { return article }
        return article + (language == .de ? " i. V. m. " : " with ") + statutes.joined(separator: ", ")
    }

    /// What happens at the end, in words.
    static func end(_ end: RetentionEnd, in language: Language) -> String {
        switch (end, language) {
        case (.deleted, .de): "Löschung"
        case (.deleted, .en): "Deleted"
        case (.personalDataRemoved, .de): "Personenbezogener Inhalt gelöscht; die Kennung bleibt"
        case (.personalDataRemoved, .en): "Personal content deleted; the id stays"
        case (.erasedOnRequest, .de): "Löschung oder Anonymisierung mit dem Konto, außer aufzubewahrenden Belegen"
        case (.erasedOnRequest, .en): "Erased or anonymised with the account, except records we must keep"
        }
    }
}
