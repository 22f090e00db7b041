extension VATNumberCheck {
    /// Letters of the Spanish DNI/NIE check, by remainder modulo 23.
    private static let spanishLetters = Array("TRWAGMYFPDXBNJZSQVHLCKE".utf8)
    /// The characters allowed in a French key, which skips `I` and `O`, in the order of their values.
    static let frenchKeyAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    /// Irish check letters by value: `W` is 0, `A` 1, ... `V` 22.
    private static let irishLetters = Array("WABCDEFGHIJKLMNOPQRSTUV".utf8)

    /// Spain (NIF): a DNI (8 digits and a letter), a NIE (`X`/`Y`/`Z`, 7 digits, letter), a `K`/`L`/`M` number
    /// (DNI letter over the 7 digits) or a CIF (organisation letter, 7 digits, Luhn digit or its letter).
    @Sendable static func spain(_ body: [UInt8]) -> Outcome {
        let first = body[0]
        let middle = CheckDigits.digits(body[1..<8])
        let last = body[8]
        let dniLetter = { (number: Int) in spanishLetters[number % 23] }
        switch first {
        case UInt8(ascii: "K"), UInt8(ascii: "L"), UInt8(ascii: "M"):
            return checksum(dniLetter(CheckDigits.value(middle)) == last)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return checksum(dniLetter(CheckDigits.value([Int(first) - 0x30] + middle)) == last)
        case UInt8(ascii: "X"), UInt8(ascii: "Y"), UInt8(ascii: "Z"):
            let leading = Int(first) - Int(UInt8(ascii: "X"))
            return checksum(dniLetter(CheckDigits.value([leading] + middle)) == last)
        default:
            guard Array("ABCDEFGHJNPQRSUVW".utf8).contains(first) else { return .invalidFormat }
            let digit = CheckDigits.luhnCheckDigit(middle)
            let letter = Array("JABCDEFGHI".utf8)[digit]
            return checksum(last == UInt8(0x30 + digit) || last == letter)
        }
    }

    /// Finland (ALV): 8 digits, weighted sum divisible by 11.
    @Sendable static func finland(_ body: [UInt8]) -> Outcome {
        checksum(CheckDigits.weightedSum(CheckDigits.digits(body), [7, 9, 10, 5, 8, 4, 2, 1]) % 11 == 0)
    }

    /// France (TVA): a 2-character key and the 9-digit SIREN (Luhn, except Monaco's `000…`). A numeric key is
    /// (SIREN × 100 + 12) mod 97; an alphanumeric key follows the DGFiP's alternative mod 11 scheme.
    @Sendable static func france(_ body: [UInt8]) -> Outcome {
        let alphabet = Array(frenchKeyAlphabet.utf8)
        let siren = CheckDigits.digits(body[2...])
        if siren.prefix(3) != [0, 0, 0], !CheckDigits.luhnIsValid(siren) { return .invalidChecksum }
        let sirenValue = CheckDigits.value(siren)
        if body[0].isASCIIDigit, body[1].isASCIIDigit {
            let key = CheckDigits.value(CheckDigits.digits(body[0..<2]))
            return checksum(key == (sirenValue * 100 + 12) % 97)
        }
        guard let first = alphabet.firstIndex(of: body[0]), let second = alphabet.firstIndex(of: body[1]) else {
            return .invalidFormat
        }
        let check = body[0].isASCIIDigit ? first * 24 + second - 10 : first * 34 + second - 100
        return checksum((sirenValue + 1 + check / 11) % 11 == check % 11)
    }

    /// Croatia (OIB): 11 digits, ISO 7064 MOD 11,10.
    @Sendable static func croatia(_ body: [UInt8]) -> Outcome {
        checksum(CheckDigits.iso7064Mod11_10IsValid(CheckDigits.digits(body)))
    }

    /// Hungary (ANUM): 8 digits, weighted sum (9, 7, 3, 1, ...) divisible by 10.
    @Sendable static func hungary(_ body: [UInt8]) -> Outcome {
        checksum(CheckDigits.weightedSum(CheckDigits.digits(body), [9, 7, 3, 1, 9, 7, 3, 1]) % 10 == 0)
    }

    /// Ireland: 7 digits, a check letter and an optional second letter (which enters the sum with weight 9),
    /// or the pre-2013 form digit, letter/`+`/`*`, 5 digits, check letter. Check letters: sum modulo 23.
    @Sendable static func ireland(_ body: [UInt8]) -> Outcome {
        let digits: [Int]
        var extra = 0
        if body[0..<7].allSatisfy(\.isASCIIDigit) {
            digits = CheckDigits.digits(body[0..<7])
            if body.count == 9, let value = irishLetters.firstIndex(of: body[8]) { extra = 9 * value }
        } else {
            digits = [0] + CheckDigits.digits(body[2..<7]) + CheckDigits.digits(body[0..<1])
        }
        let sum = CheckDigits.weightedSum(digits, [8, 7, 6, 5, 4, 3, 2]) + extra
        return checksum(irishLetters[sum % 23] == body[7])
    }

    /// Italy (Partita IVA): 11 digits: a non-zero 7-digit number, a province office code (001–100, 120, 121,
    /// 888, 999) and a Luhn check digit.
    @Sendable static func italy(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        let office = CheckDigits.value(d[7..<10])
        guard CheckDigits.value(d[0..<7]) != 0, (1...100).contains(office) || [120, 121, 888, 999].contains(office)
        else { return .invalidFormat }
        return checksum(CheckDigits.luhnIsValid(d))
    }

    /// Lithuania (PVM): 9 digits (legal persons, 8th digit 1) or 12 digits (11th digit 1); weights 1–9 cycling,
    /// modulo 11, with a second pass shifted by 2 when the first gives 10.
    @Sendable static func lithuania(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        guard d[d.count - 2] == 1 else { return .invalidFormat }
        let payload = d.dropLast()
        var check = CheckDigits.weightedSum(payload, payload.indices.map { 1 + $0 % 9 }) % 11
        if check == 10 {
            check = CheckDigits.weightedSum(payload, payload.indices.map { 1 + ($0 + 2) % 9 }) % 11
        }
        return checksum(check % 10 == d[d.count - 1])
    }

    /// Luxembourg: 8 digits; the first 6 modulo 89 are the last 2.
    @Sendable static func luxembourg(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        return checksum(CheckDigits.value(d[0..<6]) % 89 == CheckDigits.value(d[6...]))
    }

    /// Latvia (PVN): 11 digits; legal persons (first digit above 3) have a weighted sum ≡ 3 (mod 11); natural
    /// persons have a birth date DDMMYY plus century digit (or `32…` without a date) and a mod 11 check digit.
    @Sendable static func latvia(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        if d[0] > 3 {
            return checksum(CheckDigits.weightedSum(d, [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]) % 11 == 3)
        }
        if !(d[0] == 3 && d[1] == 2) {
            let year = 1800 + 100 * d[6] + CheckDigits.value(d[4..<6])
            let month = CheckDigits.value(d[2..<4])
            guard CheckDigits.isValidDate(year: year, month: month, day: CheckDigits.value(d[0..<2])) else {
                return .invalidFormat
            }
        }
        let check = (1 + CheckDigits.weightedSum(d, [10, 5, 8, 4, 2, 1, 6, 3, 7, 9])) % 11 % 10
        return checksum(check == d[10])
    }
}
