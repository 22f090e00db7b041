/// How one member state's VAT numbers look and are checked: its VIES format and its check-digit algorithm.
struct VATNumberRule: Sendable {
    /// The result of a state's own checks on a number that already matches its pattern.
    enum Outcome: Sendable, Hashable {
        /// Format and check digits are right.
        case valid
        /// A fixed part is wrong (a forbidden leading digit, an unknown province, an impossible date, ...).
        case invalidFormat
        /// The check digits are wrong.
        case invalidChecksum
    }

    /// The format after the prefix (the VIES regex, written by hand).
    let pattern: VATNumberPattern
    /// The state's checks on the number after the prefix; called only when ``pattern`` matches.
    let check: @Sendable ([UInt8]) -> Outcome

    /// The rules of all 27 member states, by VAT prefix (`EL` for Greece).
    ///
    /// The formats are the VIES ones (as in `de-b2b/tools/vat_id.py`); the checks follow the official
    /// algorithms of each state, cross-checked against python-stdnum 2.2 in the tests.
    static let rules: [String: VATNumberRule] = [
        "AT": VATNumberRule(pattern: .init(.literal("U"), .digits(8)), check: VATNumberCheck.austria),
        "BE": VATNumberRule(pattern: .init(.oneOf("01"), .digits(9)), check: VATNumberCheck.belgium),
        "BG": VATNumberRule(pattern: .init(.digits(9...10)), check: VATNumberCheck.bulgaria),
        "CY": VATNumberRule(
            pattern: .init(.digits(8), .oneOf(VATNumberPattern.uppercaseLetters)), check: VATNumberCheck.cyprus),
        "CZ": VATNumberRule(pattern: .init(.digits(8...10)), check: VATNumberCheck.czechia),
        "DE": VATNumberRule(pattern: .init(.digits(9)), check: VATNumberCheck.germany),
        "DK": VATNumberRule(pattern: .init(.digits(8)), check: VATNumberCheck.denmark),
        "EE": VATNumberRule(pattern: .init(.digits(9)), check: VATNumberCheck.estonia),
        "EL": VATNumberRule(pattern: .init(.digits(9)), check: VATNumberCheck.greece),
        "ES": VATNumberRule(pattern: .init(alphanumeric, .digits(7), alphanumeric), check: VATNumberCheck.spain),
        "FI": VATNumberRule(pattern: .init(.digits(8)), check: VATNumberCheck.finland),
        "FR": VATNumberRule(
            pattern: .init(.oneOf(VATNumberCheck.frenchKeyAlphabet, 2...2), .digits(9)), check: VATNumberCheck.france),
        "HR": VATNumberRule(pattern: .init(.digits(11)), check: VATNumberCheck.croatia),
        "HU": VATNumberRule(pattern: .init(.digits(8)), check: VATNumberCheck.hungary),
        "IE": VATNumberRule(pattern: irishPattern, check: VATNumberCheck.ireland),
        "IT": VATNumberRule(pattern: .init(.digits(11)), check: VATNumberCheck.italy),
        "LT": VATNumberRule(
            pattern: .init(alternatives: [[.digits(9)], [.digits(12)]]), check: VATNumberCheck.lithuania),
        "LU": VATNumberRule(pattern: .init(.digits(8)), check: VATNumberCheck.luxembourg),
        "LV": VATNumberRule(pattern: .init(.digits(11)), check: VATNumberCheck.latvia),
        "MT": VATNumberRule(pattern: .init(.digits(8)), check: VATNumberCheck.malta),
        "NL": VATNumberRule(
            pattern: .init(.digits(9), .literal("B"), .digits(2)), check: VATNumberCheck.netherlands),
        "PL": VATNumberRule(pattern: .init(.digits(10)), check: VATNumberCheck.poland),
        "PT": VATNumberRule(pattern: .init(.digits(9)), check: VATNumberCheck.portugal),
        "RO": VATNumberRule(pattern: .init(.oneOf("123456789"), .digits(1...9)), check: VATNumberCheck.romania),
        "SE": VATNumberRule(pattern: .init(.digits(10), .literal("0"), .literal("1")), check: VATNumberCheck.sweden),
        "SI": VATNumberRule(pattern: .init(.oneOf("123456789"), .digits(7)), check: VATNumberCheck.slovenia),
        "SK": VATNumberRule(pattern: .init(.oneOf("123456789"), .digits(9)), check: VATNumberCheck.slovakia),
    ]

    /// One letter or digit.
    private static let alphanumeric = VATNumberPattern.Element.oneOf(
        VATNumberPattern.uppercaseLetters + VATNumberPattern.decimalDigits)

    /// Ireland: `\d{7}[A-W][A-IW]?` (current) or `\d[A-Z+*]\d{5}[A-W]` (before 2013).
    private static let irishPattern = VATNumberPattern(alternatives: [
        [.digits(7), .oneOf("ABCDEFGHIJKLMNOPQRSTUVW"), .oneOf("ABCDEFGHIW", 0...1)],
        [.digits(1), .oneOf(VATNumberPattern.uppercaseLetters + "+*"), .digits(5), .oneOf("ABCDEFGHIJKLMNOPQRSTUVW")],
    ])
}
