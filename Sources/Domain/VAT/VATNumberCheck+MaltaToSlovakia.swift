extension VATNumberCheck {
    /// Malta: 8 digits, not starting with 0, weighted sum divisible by 37.
    @Sendable static func malta(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        guard d[0] != 0 else { return .invalidFormat }
        return checksum(CheckDigits.weightedSum(d, [3, 4, 6, 7, 8, 9, 10, 1]) % 37 == 0)
    }

    /// The Netherlands (btw-id): 9 digits, `B`, 2 digits (neither part zero). Valid when the 9 digits pass the
    /// BSN "11-proof" (older numbers) or the whole ID, `NL` included, passes ISO 7064 MOD 97-10 (since 2020).
    @Sendable static func netherlands(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body[0..<9])
        let suffix = CheckDigits.digits(body[10...])
        guard d.contains(where: { $0 != 0 }), suffix.contains(where: { $0 != 0 }) else { return .invalidFormat }
        let elevenProof = (CheckDigits.weightedSum(d, [9, 8, 7, 6, 5, 4, 3, 2]) - d[8]) % 11 == 0
        // Letters count as two digits (A = 10 ... Z = 35): N = 23, L = 21, B = 11.
        let expanded = [2, 3, 2, 1] + d + [1, 1] + suffix
        return checksum(elevenProof || CheckDigits.mod97(expanded) == 1)
    }

    /// Poland (NIP): 10 digits, weighted sum (6, 5, 7, 2, 3, 4, 5, 6, 7) ≡ check digit (mod 11).
    @Sendable static func poland(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        return checksum(CheckDigits.weightedSum(d, [6, 5, 7, 2, 3, 4, 5, 6, 7, -1]) % 11 == 0)
    }

    /// Portugal (NIF): 9 digits, not starting with 0; check = (11 − Σ dᵢ × (9 − i)) mod 11, 10 → 0.
    @Sendable static func portugal(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        guard d[0] != 0 else { return .invalidFormat }
        let check = CheckDigits.mod(11 - CheckDigits.weightedSum(d, [9, 8, 7, 6, 5, 4, 3, 2]), 11) % 10
        return checksum(check == d[8])
    }

    /// Romania (CUI/CIF): 2–10 digits, no leading 0; the digits before the check digit, right-aligned to 9,
    /// weighted (7, 5, 3, 2, 1, 7, 5, 3, 2), × 10, modulo 11, modulo 10.
    @Sendable static func romania(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        let payload = Array(repeating: 0, count: 10 - d.count) + d.dropLast()
        let check = 10 * CheckDigits.weightedSum(payload, [7, 5, 3, 2, 1, 7, 5, 3, 2]) % 11 % 10
        return checksum(check == d[d.count - 1])
    }

    /// Sweden (momsregistreringsnummer): the 10-digit organisation number (Luhn) followed by `01`.
    @Sendable static func sweden(_ body: [UInt8]) -> Outcome {
        checksum(CheckDigits.luhnIsValid(CheckDigits.digits(body[0..<10])))
    }

    /// Slovenia (ID za DDV): 8 digits, no leading 0; check = 11 − (Σ dᵢ × (8 − i) mod 11), where 10 means 0
    /// and 11 is never valid.
    @Sendable static func slovenia(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        var check = 11 - CheckDigits.weightedSum(d, [8, 7, 6, 5, 4, 3, 2]) % 11
        if check == 10 { check = 0 }
        return checksum(check == d[7])
    }

    /// Slovakia (IČ DPH): 10 digits; a birth number (as in Czechia), or a legal-entity number whose third digit
    /// is 2, 3, 4, 7, 8 or 9 and which is divisible by 11.
    @Sendable static func slovakia(_ body: [UInt8]) -> Outcome {
        let d = CheckDigits.digits(body)
        if czechBirthNumber(d) == .valid { return .valid }
        guard [2, 3, 4, 7, 8, 9].contains(d[2]) else { return .invalidFormat }
        return checksum(CheckDigits.value(d) % 11 == 0)
    }
}
