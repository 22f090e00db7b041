public import Domain

/// Money as people read it: `1.490,00 €` in German, `€1,490.00` in English. Display only; never parse it back.
public enum PriceFormat {
    /// `money` formatted for `language`: written byte by byte (a page shows a dozen prices; string interpolation
    /// cost ~50,000 instructions per price).
    public static func text(_ money: Money, in language: Language) -> String {
        let cents = money.cents.magnitude
        let units = cents / 100
        let minor = cents % 100
        let code = money.currency.code
        let euro = code == "EUR"
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        if money.cents < 0 { bytes.append(UInt8(ascii: "-")) }
        if language == .en, euro { bytes.append(contentsOf: "€".utf8) }
        var digits: [UInt8] = []
        var rest = units
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        let grouping = UInt8(ascii: language == .de ? "." : ",")
        for index in 0..<digits.count {
            if index > 0, (digits.count - index) % 3 == 0 { bytes.append(grouping) }
            bytes.append(digits[digits.count - 1 - index])
        }
        bytes.append(UInt8(ascii: language == .de ? "," : "."))
        bytes.append(UInt8(ascii: "0") + UInt8(minor / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(minor % 10))
        switch language {
        case .de:
            bytes.append(contentsOf: "\u{a0}".utf8)
            bytes.append(contentsOf: euro ? Array("€".utf8) : Array(code.utf8))
        case .en:
            if !euro {
                bytes.append(UInt8(ascii: " "))
                bytes.append(contentsOf: code.utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The VAT rate as a percentage in `language`: `19 %` / `19%`, `7,5 %` / `7.5%`.
    public static func rate(_ rate: VATRate, in language: Language) -> String {
        switch language {
        case .de: return rate.percentText.replacingASCII(".", with: ",") + "\u{a0}%"
        case .en: return rate.percentText + "%"
        }
    }
}
