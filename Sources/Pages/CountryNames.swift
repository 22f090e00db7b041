public import Domain
import Foundation

/// The countries offered in the configurator's and the register form's country select, named in both languages.
///
/// The 27 EU member states plus the non-EU countries most buyers come from; other ISO codes are still accepted
/// by the API, only the select is limited.
public enum CountryNames {
    private static let names: [String: (de: String, en: String)] = [
        "AT": ("Österreich", "Austria"), "BE": ("Belgien", "Belgium"), "BG": ("Bulgarien", "Bulgaria"),
        "CY": ("Zypern", "Cyprus"), "CZ": ("Tschechien", "Czechia"), "DE": ("Deutschland", "Germany"),
        "DK": ("Dänemark", "Denmark"), "EE": ("Estland", "Estonia"), "ES": ("Spanien", "Spain"),
        "FI": ("Finnland", "Finland"), "FR": ("Frankreich", "France"), "GR": ("Griechenland", "Greece"),
        "HR": ("Kroatien", "Croatia"), "HU": ("Ungarn", "Hungary"), "IE": ("Irland", "Ireland"),
        "IT": ("Italien", "Italy"), "LT": ("Litauen", "Lithuania"), "LU": ("Luxemburg", "Luxembourg"),
        "LV": ("Lettland", "Latvia"), "MT": ("Malta", "Malta"), "NL": ("Niederlande", "Netherlands"),
        "PL": ("Polen", "Poland"), "PT": ("Portugal", "Portugal"), "RO": ("Rumänien", "Romania"),
        "SE": ("Schweden", "Sweden"), "SI": ("Slowenien", "Slovenia"), "SK": ("Slowakei", "Slovakia"),
        "CH": ("Schweiz", "Switzerland"), "GB": ("Vereinigtes Königreich", "United Kingdom"),
        "NO": ("Norwegen", "Norway"), "LI": ("Liechtenstein", "Liechtenstein"), "IS": ("Island", "Iceland"),
        "US": ("Vereinigte Staaten", "United States"), "CA": ("Kanada", "Canada"),
        "AU": ("Australien", "Australia"), "JP": ("Japan", "Japan"), "TR": ("Türkei", "Türkiye"),
        "AE": ("Vereinigte Arabische Emirate", "United Arab Emirates"), "IL": ("Israel", "Israel"),
        "SG": ("Singapur", "Singapore"), "IN": ("Indien", "India"), "UA": ("Ukraine", "Ukraine"),
    ]

    /// The country's name in `language`, or the code itself for a country not in the list.
    public static func name(of code: String, in language: Language) -> String {
        guard let pair = names[code] else { return code }
        return language == .de ? pair.de : pair.en
    }

    private static func sortKey(_ name: String) -> String {
        name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }

    /// Every listed code with its name, Germany first, then alphabetically by name in `language`.
    public static func options(in language: Language) -> [FormField.Option] {
        language == .de ? germanOptions : englishOptions
    }

    /// Sorted once per process: collation-aware folding is far too slow to repeat on every render.
    private static let germanOptions = sortedOptions(in: .de)
    private static let englishOptions = sortedOptions(in: .en)

    private static func sortedOptions(in language: Language) -> [FormField.Option] {
        let keyed = names.keys.filter { $0 != "DE" }.map { (code: $0, key: sortKey(name(of: $0, in: language))) }
        let sorted = keyed.sorted { $0.key < $1.key }.map(\.code)
        return (["DE"] + sorted).map { FormField.Option(value: $0, label: name(of: $0, in: language)) }
    }
}
