/// Arithmetic shared by the check-digit algorithms of the member states.
enum CheckDigits {
    /// The decimal digit values of ASCII digits (`"042"` → `[0, 4, 2]`); callers pass digits only.
    static func digits(_ bytes: some Collection<UInt8>) -> [Int] {
        bytes.map { Int($0) - 0x30 }
    }

    /// The number that `digits` spell; at most 18 digits.
    static func value(_ digits: some Collection<Int>) -> Int {
        digits.reduce(0) { $0 * 10 + $1 }
    }

    /// Σ digitᵢ × weightᵢ over the shorter of the two lists.
    static func weightedSum(_ digits: some Collection<Int>, _ weights: [Int]) -> Int {
        zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// `value` modulo `modulus`, never negative.
    static func mod(_ value: Int, _ modulus: Int) -> Int {
        let remainder = value % modulus
        return remainder < 0 ? remainder + modulus : remainder
    }

    /// Whether `digits`, check digit last, pass the Luhn algorithm (ISO/IEC 7812-1).
    static func luhnIsValid(_ digits: [Int]) -> Bool {
        luhnSum(digits, doublingRightmost: false) % 10 == 0
    }

    /// The Luhn check digit to append to `digits`.
    static func luhnCheckDigit(_ digits: [Int]) -> Int {
        (10 - luhnSum(digits, doublingRightmost: true) % 10) % 10
    }

    /// The Luhn sum: every second digit from the right doubled (minus 9 when above 9).
    private static func luhnSum(_ digits: [Int], doublingRightmost: Bool) -> Int {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            let doubled = (offset % 2 == 0) == doublingRightmost
            sum += doubled ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit
        }
        return sum
    }

    /// Whether `digits`, check digit last, pass ISO 7064 MOD 11,10 (Germany, Croatia).
    static func iso7064Mod11_10IsValid(_ digits: [Int]) -> Bool {
        var product = 10
        for digit in digits.dropLast() {
            var sum = (digit + product) % 10
            if sum == 0 { sum = 10 }
            product = (2 * sum) % 11
        }
        return (11 - product) % 10 == digits.last
    }

    /// The remainder modulo 97 of the decimal number written by `decimalText` (any length, digits only).
    static func mod97(_ decimalText: some Collection<Int>) -> Int {
        decimalText.reduce(0) { ($0 * 10 + $1) % 97 }
    }

    /// Whether `year-month-day` is a real day of the proleptic Gregorian calendar.
    static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard year >= 1, (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}
