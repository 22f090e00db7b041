public import Domain

/// Money as people read it: `1.490,00 €` in German, `€1,490.00` in English. Display only; never parse it back.
public enum PriceFormat {
    /// `money` formatted for `language`: written byte by byte into the string's own storage (a page shows a dozen
    /// prices; string interpolation cost ~50,000 instructions per price).
    public static func text(_ money: Money, in language: Language) -> String {
        let units = money.cents.magnitude / 100
        let minor = UInt8(money.cents.magnitude % 100)
        let code = money.currency.code
        let euro = code == "EUR"
        return String(unsafeUninitializedCapacity: 48 + code.utf8.count) { buffer in
            var count = 0
            func put(_ byte: UInt8) {
                buffer[count] = byte
                count += 1
            }
            let zero = UInt8(ascii: "0")
            if money.cents < 0 { put(UInt8(ascii: "-")) }
            if language == .en, euro { for byte in "€".utf8 { put(byte) } }
            var divisor: UInt = 1
            var digits = 1
            while units / divisor >= 10 {
                divisor *= 10
                digits += 1
            }
            let grouping = UInt8(ascii: language == .de ? "." : ",")
            for index in 0..<digits {
                if index > 0, (digits - index) % 3 == 0 { put(grouping) }
                put(zero + UInt8((units / divisor) % 10))
                divisor /= 10
            }
            put(UInt8(ascii: language == .de ? "," : "."))
            put(zero + minor / 10)
            put(zero + minor % 10)
            switch language {
            case .de:
                for byte in "\u{a0}".utf8 { put(byte) }
                for byte in (euro ? "€" : code).utf8 { put(byte) }
            case .en:
                if !euro {
                    put(UInt8(ascii: " "))
                    for byte in code.utf8 { put(byte) }
                }
            }
            return count
        }
    }

    /// The VAT rate as a percentage in `language`: `19 %` / `19%`, `7,5 %` / `7.5%`.
    public static func rate(_ rate: VATRate, in language: Language) -> String {
        switch language {
        case .de: return rate.percentText.replacingASCII(".", with: ",") + "\u{a0}%"
        case .en: return rate.percentText + "%"
        }
    }
}
