public import Domain
import Foundation

/// Money as people read it: `1.490,00 €` in German, `€1,490.00` in English. Display only; never parse it back.
public enum PriceFormat {
    /// `money` formatted for `language`.
    public static func text(_ money: Money, in language: Language) -> String {
        let negative = money.cents < 0
        let cents = money.cents.magnitude
        let units = String(cents / 100)
        let minor = cents % 100
        let grouping = language == .de ? "." : ","
        var grouped = ""
        for (index, digit) in units.enumerated() {
            if index > 0, (units.count - index) % 3 == 0 { grouped += grouping }
            grouped.append(digit)
        }
        let decimals = (minor < 10 ? "0" : "") + String(minor)
        let sign = negative ? "-" : ""
        let code = money.currency.code
        let symbol = code == "EUR" ? "€" : code
        switch language {
        case .de: return "\(sign)\(grouped),\(decimals)\u{a0}\(symbol)"
        case .en: return code == "EUR" ? "\(sign)€\(grouped).\(decimals)" : "\(sign)\(grouped).\(decimals) \(code)"
        }
    }

    /// The VAT rate as a percentage in `language`: `19 %` / `19%`, `7,5 %` / `7.5%`.
    public static func rate(_ rate: VATRate, in language: Language) -> String {
        switch language {
        case .de: return rate.percentText.replacingOccurrences(of: ".", with: ",") + "\u{a0}%"
        case .en: return rate.percentText + "%"
        }
    }
}
