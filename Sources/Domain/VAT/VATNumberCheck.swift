/// The check-digit algorithms of the member states, one function per state.
///
/// Each takes the number after the prefix, already matched against the state's ``VATNumberPattern``, and
/// returns a ``VATNumberRule/Outcome``. The algorithms are the states' published ones; where a state has
/// several kinds of number (legal persons, natural persons, older series), all kinds are accepted, as
/// python-stdnum 2.2 does. This file holds Austria to Greece; the others follow in extensions.
enum VATNumberCheck {
    typealias Outcome = VATNumberRule.Outcome

    /// `valid` when `condition` holds, else `invalidChecksum`.
    static func checksum(_ condition: Bool) -> Outcome {
        condition ? .valid : .invalidChecksum
    }

    /// Austria (UID): `U` and 8 digits; a Luhn-like sum over digits 1–7, check = (10 − (sum + 4) mod 10) mod 10.
    @Sendable static func austria(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body.dropFirst())
        var sum = 0
        for (index, digit) in d.prefix(7).enumerated() {
            sum += index % 2 == 0 ? digit : (digit * 2 > 9 ? digit * 2 - 9 : digit * 2)
        }
        return checksum((10 - (sum + 4) % 10) % 10 == d[7])
    }

    /// Belgium: 10 digits starting 0 or 1; the first 8 plus the last 2 are divisible by 97.
    @Sendable static func belgium(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        guard d.contains(where: { $0 != 0 }) else { return .invalidFormat }
        return checksum((CheckDigits.value(d[0..<8]) + CheckDigits.value(d[8...])) % 97 == 0)
    }

    /// Bulgaria: 9 digits (legal entities, mod 11 with a fallback weighting) or 10 digits (a personal number
    /// EGN, a foreigner's number PNF, or another 10-digit number; any one of the three check digits).
    @Sendable static func bulgaria(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        if d.count == 9 {
            var check = CheckDigits.weightedSum(d, [1, 2, 3, 4, 5, 6, 7, 8]) % 11
            if check == 10 { check = CheckDigits.weightedSum(d, [3, 4, 5, 6, 7, 8, 9, 10]) % 11 }
            return checksum(check % 10 == d[8])
        }
        let egn = bulgarianPersonalNumberIsValid(d)
        let pnf = CheckDigits.weightedSum(d, [21, 19, 17, 13, 11, 9, 7, 3, 1]) % 10 == d[9]
        let other = CheckDigits.mod(11 - CheckDigits.weightedSum(d, [4, 3, 2, 7, 6, 5, 4, 3, 2]), 11) == d[9]
        return checksum(egn || pnf || other)
    }

    /// EGN: a birth date (month +20 for the 1800s, +40 for the 2000s) and a weighted mod 11 check digit.
    private static func bulgarianPersonalNumberIsValid(_ d: [Int]) -> Bool {
        var year = 1900 + CheckDigits.value(d[0..<2])
        var month = CheckDigits.value(d[2..<4])
        if month > 40 {
            year += 100
            month -= 40
        } else if month > 20 {
            year -= 100
            month -= 20
        }
        guard CheckDigits.isValidDate(year: year, month: month, day: CheckDigits.value(d[4..<6])) else { return false }
        return CheckDigits.weightedSum(d, [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11 % 10 == d[9]
    }

    /// Cyprus: 8 digits (not starting `12`) and a check letter from a translated sum modulo 26.
    @Sendable static func cyprus(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body.prefix(8))
        guard !(d[0] == 1 && d[1] == 2) else { return .invalidFormat }
        let translated = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
        var sum = 0
        for (index, digit) in d.enumerated() {
            sum += index % 2 == 0 ? translated[digit] : digit
        }
        return checksum(UInt8(0x41 + sum % 26) == body[8])
    }

    /// Czechia (DIČ): 8 digits for legal entities, 9 digits starting `6` for special cases, otherwise a 9- or
    /// 10-digit birth number (rodné číslo) with a valid date and, for 10 digits, divisible by 11.
    @Sendable static func czechia(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        switch d.count {
        case 8:
            guard d[0] != 9 else { return .invalidFormat }
            var check = CheckDigits.mod(11 - CheckDigits.weightedSum(d, [8, 7, 6, 5, 4, 3, 2]), 11)
            if check == 0 { check = 1 }
            return checksum(check % 10 == d[7])
        case 9 where d[0] == 6:
            let sum = CheckDigits.weightedSum(d[1..<8], [8, 7, 6, 5, 4, 3, 2]) % 11
            return checksum(CheckDigits.mod(8 - (10 - sum) % 11, 10) == d[8])
        default:
            return czechBirthNumber(d)
        }
    }

    /// Rodné číslo (also used by Slovakia): YYMMDD (month +50 for women, +20 when the series overflowed),
    /// then 3 digits (until 1953) or 4 digits with the whole number divisible by 11 (remainder 10 → 0).
    static func czechBirthNumber(_ d: [Int]) -> Outcome {
        var year = 1900 + CheckDigits.value(d[0..<2])
        let month = CheckDigits.value(d[2..<4]) % 50 % 20
        if d.count == 9 {
            if year >= 1980 { year -= 100 }
            guard year <= 1953 else { return .invalidFormat }
        } else if year < 1954 {
            year += 100
        }
        guard CheckDigits.isValidDate(year: year, month: month, day: CheckDigits.value(d[4..<6])) else {
            return .invalidFormat
        }
        guard d.count == 10 else { return .valid }
        return checksum(CheckDigits.value(d[0..<9]) % 11 % 10 == d[9])
    }

    /// Germany (USt-IdNr.): 9 digits, not starting with 0, ISO 7064 MOD 11,10.
    @Sendable static func germany(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        guard d[0] != 0 else { return .invalidFormat }
        return checksum(CheckDigits.iso7064Mod11_10IsValid(d))
    }

    /// Denmark (CVR): 8 digits, not starting with 0, weighted sum divisible by 11.
    @Sendable static func denmark(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        guard d[0] != 0 else { return .invalidFormat }
        return checksum(CheckDigits.weightedSum(d, [2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0)
    }

    /// Estonia (KMKR): 9 digits, weighted sum (3, 7, 1, ...) divisible by 10.
    @Sendable static func estonia(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        return checksum(CheckDigits.weightedSum(d, [3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 == 0)
    }

    /// Greece (ΑΦΜ, prefix `EL`): 9 digits; Σ dᵢ × 2⁸⁻ⁱ over the first 8, modulo 11, modulo 10.
    @Sendable static func greece(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        let sum = d.prefix(8).reduce(0) { $0 * 2 + $1 } * 2
        return checksum(sum % 11 % 10 == d[8])
    }
}
